import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { EmitEvent, Handlers } from '../../core/api/contract';
import { ApiError } from '../../core/api/errors';
import type { RunRef } from '../../core/api/schemas';
import type { Graph } from '../../core/graph/schema';
import { initialTrainState, isActive, type TrainState } from '../../core/train/state';
import { ensureDir, readText, writeFileAtomic } from './files';
import type { PathPolicy } from './paths';
import { isWithin, realPathOf, resolveInside } from './confine';
import { clip } from '../../core/quote';
import { DOCUMENT_LIMIT } from '../data/bounded-read';
import { listRuns, newRunId, readMetrics, readRunNote, RUN_FILES, runDir, writeRunNote } from './runs';
import type { Dialogs, HostServices } from './services';
import { saveGraph } from '../../core/graph/load';

type RunHandlerNames =
  | 'chooseDatasetFile'
  | 'startTraining'
  | 'pauseTraining'
  | 'resumeTraining'
  | 'cancelTraining'
  | 'trainingState'
  | 'listRuns'
  | 'readRunMetrics'
  | 'generate'
  | 'predict'
  | 'previewSamples'
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

function unavailable(what: string): never {
  throw new ApiError('not-available', `${what} is not available in this build yet`);
}

/** Training, runs, generation and model files: everything that lives in a runs folder. */
export function createRunHandlers(deps: Deps): { handlers: Pick<Handlers, RunHandlerNames>; dispose(): Promise<void> } {
  const { policy, services } = deps;
  let current: { runId: string; dir: string; state: TrainState } | null = null;

  async function runsDirFor(project: string | null): Promise<string> {
    if (project === null) return join(deps.dataDir, 'untitled.runs');
    return policy.runsDirOf(await deps.knownProject(project));
  }

  async function dirOf(ref: RunRef): Promise<string> {
    return runDir(await runsDirFor(ref.project), ref.runId);
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

  /** The confinement of data reads for work over a run of `ref` (generate, predict, previewSamples). */
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

  async function finish(run: { dir: string }, status: 'done' | 'cancelled' | 'failed', backend: string | null, message?: string) {
    const note = await readRunNote(run.dir);
    await writeRunNote(run.dir, { ...note, status, backend: backend ?? note.backend, ...(message ? { message } : {}) }).catch(() => undefined);
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

    startTraining: async ({ graph, project, overrides }) => {
      const training = services.training ?? unavailable('training');
      if (current && isActive(current.state)) throw new ApiError('busy', `run ${current.runId} is still ${current.state.status}; cancel it first`);
      const projectPath = project === null ? null : await deps.knownProject(project);
      const baseDir = projectPath ? dirname(projectPath) : (policy.root ?? deps.dataDir);
      const datasetFile = await datasetFileOf(graph, baseDir);
      const runsDir = await runsDirFor(projectPath);
      const resumeFrom = await resumeFolder(runsDir, overrides?.resumeFrom);
      const runId = newRunId();
      const dir = runDir(runsDir, runId);
      await ensureDir(dir);
      await writeRunNote(dir, { startedAt: new Date().toISOString(), status: 'running', backend: null });
      await writeFileAtomic(join(dir, RUN_FILES.graph), saveGraph(graph));
      const run = { runId, dir, state: { status: 'compiling' } as TrainState };
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
            // The run's note is written before the window hears the end, so a runs list it asks for then is current.
            case 'done':
              return void finish(run, event.reason === 'completed' ? 'done' : 'cancelled', event.backend).finally(() => deps.emit('trainingDone', { runId, event }));
            case 'error':
              return void finish(run, 'failed', null, event.message).finally(() => deps.emit('trainingError', { runId, event }));
          }
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
    cancelTraining: async ({ runId }) => {
      const run = requireRun(runId);
      services.training?.cancel();
      return { state: run.state };
    },
    trainingState: async () => ({ runId: current?.runId ?? null, state: current?.state ?? initialTrainState }),

    listRuns: async ({ project }) => ({ runs: await listRuns(await runsDirFor(project)) }),
    readRunMetrics: async (ref) => ({ lines: await readMetrics(await dirOf(ref)) }),

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

    importModel: async ({ path }) => {
      const importModel = services.importModel ?? unavailable('model import');
      let abs: string;
      if (path !== undefined) abs = await policy.check(path, 'model');
      else {
        if (!deps.dialogs) throw new ApiError('no-dialog', 'import: choose a model.json in the project folder');
        const chosen = await deps.dialogs.openModel();
        if (chosen === null) return null;
        abs = policy.allow(chosen);
      }
      const { graph, notes } = await importModel(await readText(abs, DOCUMENT_LIMIT), abs);
      return { path: abs, graph, notes };
    },
  };

  return {
    handlers,
    async dispose() {
      if (current && isActive(current.state)) services.training?.cancel();
      await services.training?.dispose();
    },
  };
}
