import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { EmitEvent, Handlers } from '../../core/api/contract';
import { ApiError } from '../../core/api/errors';
import type { RunRef, RunsOwner } from '../../core/api/schemas';
import type { Graph } from '../../core/graph/schema';
import { initialTrainState, isActive, trainReducer, type TrainState } from '../../core/train/state';
import { copyRuns, deleteRun, listRuns, moveRuns, nameRun, newRunId, readMetrics, runDir, tidyRuns, writeImportedRun, writeRunNote } from '../run-store';
import type { PathPolicy } from './paths';
import { isWithin, realPathOf, resolveInside } from './confine';
import { clip } from '../../core/quote';
import { asApiError } from './model-services';
import type { Dialogs, HostServices } from './services';

type RunHandlerNames =
  | 'chooseDatasetFile'
  | 'startTraining'
  | 'pauseTraining'
  | 'resumeTraining'
  | 'cancelTraining'
  | 'stepTraining'
  | 'slowMotion'
  | 'watchProbe'
  | 'trainingState'
  | 'listRuns'
  | 'nameRun'
  | 'deleteRun'
  | 'readRunMetrics'
  | 'generate'
  | 'predict'
  | 'previewSamples'
  | 'probeRun'
  | 'exportModel'
  | 'importModel';

interface Deps {
  policy: PathPolicy;
  knownProject(path: string): Promise<string>;
  dataDir: string;
  services: HostServices;
  dialogs: Dialogs | null;
  emit: EmitEvent;
}

/** Run-layer and file-system failures as contract errors with the same message. */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asApiError(err);
  }
}

function unavailable(what: string): never {
  throw new ApiError('not-available', `${what} is not available in this build yet`);
}

export interface RunHandlers {
  handlers: Pick<Handlers, RunHandlerNames>;
  /** Takes the runs of `from` along to a project just saved under `project`: a draft's always move. */
  adoptRuns(from: RunsOwner, project: string, mode: 'copy' | 'move'): Promise<void>;
  dispose(): Promise<void>;
}

/** Training, runs, generation and model files: everything that lives in a runs folder. */
export function createRunHandlers(deps: Deps): RunHandlers {
  const { policy, services } = deps;
  let current: { runId: string; dir: string; state: TrainState } | null = null;
  const tidied = new Set<string>();
  /** Where the active run goes when it ends: its document was saved while it trained (its files are still being written). */
  let follow: { source: string; target: string } | null = null;

  /** Moves the run that just ended to where its document went meanwhile, before the window hears the end. */
  async function followDocument(): Promise<void> {
    const f = follow;
    follow = null;
    if (f) await moveRuns(f.source, f.target).catch(() => undefined);
  }

  /**
   * The runs folder of a document: beside a saved project, else the draft's
   * own folder in the data directory (never shared between drafts).
   */
  async function runsDirFor(owner: RunsOwner): Promise<string> {
    let dir: string;
    if (owner.project !== null) dir = await policy.runsDirOf(await deps.knownProject(owner.project));
    else if (owner.draft) dir = join(deps.dataDir, 'drafts', `${owner.draft}.runs`);
    else throw new ApiError('invalid-payload', 'runs of an unsaved document are named by its draft id');
    // Once per folder and launch: sweep what killed writes left, mark runs whose process died.
    if (!tidied.has(dir)) {
      tidied.add(dir);
      await tidyRuns(dir).catch(() => undefined);
    }
    return dir;
  }

  async function dirOf(ref: RunRef): Promise<string> {
    return runDir(await runsDirFor(ref), ref.runId);
  }

  function notCurrent(dir: string, what: string): void {
    if (current && isActive(current.state) && (current.dir === dir || current.dir.startsWith(dir + '/'))) throw new ApiError('busy', `${what}: run ${current.runId} is still ${current.state.status}; cancel it first`);
  }

  /**
   * Whether the host may read the data file `abs` for a project in `projectDir`: a file the
   * user chose, or one inside the project's folder or the browser-mode project folder once
   * links are followed. Gives the real path to read; the refusal never says whether it exists.
   */
  async function dataFileAllowed(abs: string, projectDir: string): Promise<string> {
    const real = await realPathOf(abs);
    if (policy.isChosen(abs) || policy.isChosen(real) || (await isWithin(projectDir, real)) || (await policy.isUnderRoot(real))) return real;
    throw new ApiError('refused-path', `dataset ${JSON.stringify(clip(abs, 200))}: not inside the project's folder nor chosen with the dataset dialog; choose it again`);
  }

  /** A dataset file the graph names: relative to the project, inside its folder, or chosen by the user. */
  async function datasetFileOf(graph: Graph, baseDir: string): Promise<string | null> {
    const dataset = graph.training?.dataset;
    if (!dataset || !Object.prototype.hasOwnProperty.call(dataset, 'file') || typeof (dataset as { file?: unknown }).file !== 'string') return null;
    const file = (dataset as { file: string }).file;
    return dataFileAllowed(isAbsolute(file) ? resolve(file) : resolve(baseDir, file), baseDir);
  }

  /** The confinement of data reads for work over a run of `ref` (generate, predict, previewSamples, probeRun). */
  async function confineFor(ref: RunRef): Promise<(abs: string) => Promise<string>> {
    const projectDir = ref.project === null ? (policy.root ?? deps.dataDir) : dirname(await deps.knownProject(ref.project));
    return (abs) => dataFileAllowed(abs, projectDir);
  }

  /** `overrides.resumeFrom`: a run id or path, which must name a run folder in this project's runs folder. */
  async function resumeFolder(runsDir: string, resume: string | undefined): Promise<string | undefined> {
    if (resume === undefined) return undefined;
    const real = await resolveInside(runsDir, resume, 'resumeFrom').catch(() => {
      throw new ApiError('refused-path', `resumeFrom ${JSON.stringify(clip(resume, 200))}: not a run of this project; give the id of a run in ${runsDir}`);
    });
    if (real === (await realPathOf(runsDir))) throw new ApiError('refused-path', `resumeFrom ${JSON.stringify(clip(resume, 200))}: name one run of this project, not its runs folder`);
    return real;
  }

  function requireRun(runId: string) {
    if (!current || current.runId !== runId) throw new ApiError('invalid-state', `no active run "${runId}"`);
    return current;
  }

  const handlers: Pick<Handlers, RunHandlerNames> = {
    chooseDatasetFile: async ({ project, path }) => {
      const projectPath = project === null ? null : await deps.knownProject(project);
      let abs: string;
      if (path !== undefined) abs = await policy.check(path, 'dataset');
      else {
        if (!deps.dialogs) throw new ApiError('no-dialog', 'choose the dataset with the in-app chooser (browse with kind "dataset") and pass its path');
        const chosen = await deps.dialogs.openDataset(projectPath ? dirname(projectPath) : undefined);
        if (chosen === null) return null;
        abs = policy.allow(chosen);
      }
      const rel = projectPath ? relative(dirname(projectPath), abs) : abs;
      return { path: abs, relative: rel.split('\\').join('/') };
    },

    startTraining: async ({ graph, project, draft, overrides }) => {
      const training = services.training ?? unavailable('training');
      if (current && isActive(current.state)) throw new ApiError('busy', `run ${current.runId} is still ${current.state.status}; cancel it first`);
      const projectPath = project === null ? null : await deps.knownProject(project);
      const baseDir = projectPath ? dirname(projectPath) : (policy.root ?? deps.dataDir);
      const datasetFile = await datasetFileOf(graph, baseDir);
      const runsDir = await runsDirFor({ project: projectPath, ...(draft ? { draft } : {}) });
      const resumeFrom = await resumeFolder(runsDir, overrides?.resumeFrom);
      const runId = newRunId();
      const dir = runDir(runsDir, runId);
      // The run belongs to the document from here on: listed at once, its files written by the training job.
      await guard(() => writeRunNote(dir, { startedAt: new Date().toISOString(), status: 'running', backend: null, pid: process.pid }));
      const run = { runId, dir, state: trainReducer(initialTrainState, { type: 'start' }) };
      current = run;
      deps.emit('trainingState', { runId, state: run.state });
      await training.start({ runId, dir, graph, baseDir, datasetFile, overrides: overrides && { ...overrides, ...(resumeFrom ? { resumeFrom } : {}) } }, {
        state(state) {
          run.state = state;
          deps.emit('trainingState', { runId, state });
        },
        event(event) {
          switch (event.type) {
            case 'batch':
              return deps.emit('trainingProgress', { runId, event });
            case 'epoch':
              return deps.emit('trainingEpoch', { runId, event });
            // The job wrote the run's note before it reported the end, so a runs list asked for now is current.
            case 'done':
              return void followDocument().finally(() => deps.emit('trainingDone', { runId, event }));
            case 'error':
              return void followDocument().finally(() => deps.emit('trainingError', { runId, event }));
          }
        },
        probe(result) {
          deps.emit('trainingProbe', { runId, ...('probe' in result ? { probe: result.probe } : { probe: null, error: result.error }) });
        },
      });
      return { runId, dir };
    },

    pauseTraining: async ({ runId }) => {
      const run = requireRun(runId);
      services.training?.pause();
      return { state: run.state };
    },
    resumeTraining: async ({ runId }) => {
      const run = requireRun(runId);
      services.training?.resume();
      return { state: run.state };
    },
    stepTraining: async ({ runId, step }) => {
      const run = requireRun(runId);
      services.training?.step(step);
      return { state: run.state };
    },
    slowMotion: async ({ runId, ms }) => {
      requireRun(runId);
      services.training?.slowMotion(ms);
      return { ok: true as const };
    },
    watchProbe: async ({ runId, sample }) => {
      requireRun(runId);
      services.training?.watch(sample);
      return { ok: true as const };
    },
    cancelTraining: async ({ runId }) => {
      const run = requireRun(runId);
      services.training?.cancel();
      return { state: run.state };
    },
    trainingState: async () => ({ runId: current?.runId ?? null, state: current?.state ?? initialTrainState }),

    listRuns: async (owner) => ({ runs: await listRuns(await runsDirFor(owner)) }),
    readRunMetrics: async (ref) => {
      const lines = await readMetrics(await dirOf(ref));
      if (lines === null) throw new ApiError('not-found', `no run "${ref.runId}"`);
      return { lines };
    },
    nameRun: async ({ run, name }) => {
      await guard(async () => nameRun(await runsDirFor(run), run.runId, name));
      return { ok: true as const };
    },
    deleteRun: async ({ run }) => {
      const dir = await dirOf(run);
      notCurrent(dir, 'delete');
      await guard(async () => deleteRun(await runsDirFor(run), run.runId));
      return { ok: true as const };
    },

    generate: async ({ run, ...options }) => {
      const generate = services.generate ?? unavailable('generation');
      return generate(await dirOf(run), options, await confineFor(run));
    },
    predict: async ({ run, inputs }) => {
      const predict = services.predict ?? unavailable('prediction');
      return { outputs: (await predict(await dirOf(run), inputs, await confineFor(run))) as never };
    },

    previewSamples: async ({ run, ...options }) => {
      const preview = services.previewSamples ?? unavailable('previewing samples');
      return preview(await dirOf(run), options, await confineFor(run));
    },

    probeRun: async ({ run, ...options }) => {
      const probeRun = services.probeRun ?? unavailable('probing');
      return probeRun(await dirOf(run), options, await confineFor(run));
    },

    exportModel: async ({ run, format, path }) => {
      const exportModel = services.exportModel ?? unavailable(`export as ${format}`);
      const dir = await dirOf(run);
      let target: string;
      if (path !== undefined) target = await policy.check(path, 'export target');
      else {
        if (!deps.dialogs) throw new ApiError('no-dialog', 'export: choose a target in the project folder');
        const chosen = await deps.dialogs.exportTarget(format, format === 'keras' ? `${basename(dir)}.py` : `${basename(dir)}-tfjs`);
        if (chosen === null) return null;
        target = policy.allow(chosen);
      }
      return { path: target, files: await exportModel(dir, format, target) };
    },

    importModel: async ({ path, draft, joinWith }) => {
      const importModel = services.importModel ?? unavailable('model import');
      let abs: string;
      if (path !== undefined) abs = await policy.check(path, 'model');
      else {
        if (!deps.dialogs) throw new ApiError('no-dialog', 'import: choose a model.json in the project folder');
        const chosen = await deps.dialogs.openModel();
        if (chosen === null) return null;
        abs = policy.allow(chosen);
      }
      const encoder = joinWith === undefined ? undefined : await policy.check(joinWith, 'encoder model');
      const { graph, weights, notes } = await importModel(abs, encoder);
      // Imported weights become the first run of the new document, so Generate works and Save keeps them.
      if (!weights || !draft) return { path: abs, graph, notes, runId: null };
      const runId = newRunId();
      await guard(async () => writeImportedRun(runDir(await runsDirFor({ project: null, draft }), runId), graph, weights, abs));
      return { path: abs, graph, notes, runId };
    },
  };

  return {
    handlers,
    async adoptRuns(from, project, mode) {
      const target = await policy.runsDirOf(project);
      const source = await runsDirFor(from).catch(() => null);
      if (source === null || source === target) return;
      const move = from.project === null || mode === 'move';
      // A run still training in the source keeps writing there: the others go now, it follows when it ends.
      const live = current && isActive(current.state) && dirname(current.dir) === source ? current.runId : null;
      const except = new Set(live ? [live] : []);
      await guard(() => (move ? moveRuns(source, target, except) : copyRuns(source, target, except)));
      if (live && move) follow = { source, target };
    },
    async dispose() {
      if (current && isActive(current.state)) services.training?.cancel();
      await services.training?.dispose();
    },
  };
}
