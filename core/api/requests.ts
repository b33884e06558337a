import { z } from 'zod';
import { zGraph } from '../graph/schema';
import {
  zBrowseKind,
  zDatasetDoc,
  zDiagnostic,
  zFolderEntry,
  zMetricsLine,
  zNestedNumbers,
  zOpenedGraph,
  zPath,
  zDraftId,
  zProjectPath,
  zRunId,
  zRunInfo,
  zRunRef,
  zRunsOwner,
  zStroke5,
  zTemplateId,
  zTensorType,
  zTrainState,
} from './schemas';
import { zPreviewSamplesPayload, zPreviewSamplesResult } from './preview';
import { zProbePayload, zProbeResult } from './probe';
import { zGeneratedDrawing, zMixturesFor } from './replay';

/** One entry of the table: what the window sends, what the host answers. */
export interface RequestDef<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  payload: P;
  result: R;
  /** One line for readers of the table (and the generated docs). */
  doc: string;
}

function request<P extends z.ZodType, R extends z.ZodType>(payload: P, result: R, doc: string): RequestDef<P, R> {
  return { payload, result, doc };
}

/** Requests that take nothing still take an object, so that they can grow. */
const zNone = z.strictObject({});
const zOk = z.object({ ok: z.literal(true) });

const zStep = z.enum(['batch', 'epoch']);
const zSlowMotion = z.number().int().min(0).max(5000);
const zSample = z.number().int().min(0).max(10_000_000);

const zTrainingOverrides = z.strictObject({
  epochs: z.number().int().min(1).max(100000).optional(),
  /** Forces a backend; the run reports which one it used. */
  backend: z.enum(['cpu', 'wasm', 'node']).optional(),
  /** Continue the given run from its last checkpoint instead of starting afresh. */
  resumeFrom: z.string().optional(),
  /** Train only this step (one batch, or one epoch), then pause: step-by-step training. */
  step: zStep.optional(),
  /** Wait this long after every batch, to watch the views change (slow motion). */
  slowMotionMs: zSlowMotion.optional(),
  /** Probe this validation sample while training; `trainingProbe` events carry what flows inside. */
  probeSample: zSample.optional(),
});

const zGenerated = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('strokes'),
    drawings: z.array(zGeneratedDrawing),
  }),
  z.object({
    kind: z.literal('text'),
    samples: z.array(z.object({
      input: z.string().nullable(),
      output: z.string(),
      /** Set when the condition was a sample of the data: its true text, whether the output is it, its index. */
      truth: z.string().optional(),
      right: z.boolean().optional(),
      index: z.number().int().min(0).optional(),
      /** The picture conditioned on, rows of pixels (first channel), when it is small enough to send. */
      image: z.array(z.array(z.number())).max(4096).optional(),
    })),
    /** Which split the samples conditioned on came from (validation unless the run kept none). */
    split: z.enum(['validation', 'training']).optional(),
  }),
  z.object({ kind: z.literal('values'), outputs: z.record(z.string(), zNestedNumbers) }),
]);

/**
 * Every request the window can make of its host. The Electron IPC bridge, the
 * WebSocket bridge and the renderer's client are all derived from this table;
 * add a request here and all three know it.
 */
export const requests = {
  hostInfo: request(
    zNone,
    z.object({
      kind: z.enum(['electron', 'browser']),
      version: z.string(),
      platform: z.string(),
      /** False in browser mode: the window offers its own chooser over `browse`. */
      nativeDialogs: z.boolean(),
      /** The folder the in-app chooser is limited to (browser mode), else null. */
      projectRoot: zPath.nullable(),
    }),
    'what kind of host this is and what it can do',
  ),
  open: request(
    z.strictObject({ path: zProjectPath.optional() }),
    zOpenedGraph.nullable(),
    'opens a project: the given path (a recent file or one under the project folder), else a native dialog; null when cancelled',
  ),
  save: request(
    z.strictObject({ path: zProjectPath, graph: zGraph, /** The draft the document was until now: its runs move beside the project. */ draft: zDraftId.optional() }),
    z.object({ path: zPath }),
    'saves atomically over a path that was opened or chosen before',
  ),
  saveAs: request(
    z.strictObject({
      graph: zGraph,
      path: zProjectPath.optional(),
      suggestedName: z.string().max(200).optional(),
      /** Whose runs go along: a draft's always move; a saved project's are copied or moved as `runs` says. */
      runsFrom: zRunsOwner.optional(),
      runs: z.enum(['copy', 'move']).default('copy'),
    }),
    z.object({ path: zPath }).nullable(),
    'saves under a new path: the one given (browser mode: under the project folder), else a native dialog; null when cancelled',
  ),
  recentFiles: request(zNone, z.object({ files: z.array(z.object({ path: zPath, name: z.string(), exists: z.boolean() })) }), 'recently opened or saved projects, newest first'),
  clearRecentFiles: request(zNone, zOk, 'forgets the recent files'),
  browse: request(
    z.strictObject({ dir: zPath.optional(), kind: zBrowseKind }),
    z.object({ root: zPath, dir: zPath, parent: zPath.nullable(), entries: z.array(zFolderEntry) }),
    'lists a folder under the project folder for the in-app chooser (browser mode)',
  ),
  chooseDatasetFile: request(
    z.strictObject({ project: zProjectPath.nullable(), path: zPath.optional() }),
    z.object({ path: zPath, relative: z.string() }).nullable(),
    'a dataset file: the one given (browser mode: picked under the project folder), else a native dialog; with the path to write in the graph, relative to the project when it has one',
  ),
  setDocumentState: request(
    z.strictObject({ path: zPath.nullable(), name: z.string().max(200), dirty: z.boolean() }),
    zOk,
    'tells the host the document on screen, for the window title and the question on close',
  ),
  listTemplates: request(
    zNone,
    z.object({ templates: z.array(z.object({ id: zTemplateId, name: z.string(), description: z.string(), nodeCount: z.number().int() })) }),
    'the example graphs of assets/templates',
  ),
  readTemplate: request(z.strictObject({ id: zTemplateId }), z.object({ graph: zGraph, notes: z.array(z.string()) }), 'one template as a new, unsaved document'),
  validate: request(
    z.strictObject({ graph: zGraph }),
    z.object({
      valid: z.boolean(),
      diagnostics: z.array(zDiagnostic),
      totalParams: z.number().int(),
      /** The type of each output port: `nodeId -> port -> type`. */
      shapes: z.record(z.string(), z.record(z.string(), zTensorType)),
    }),
    'diagnostics and shapes of a graph, as core/validate computes them',
  ),
  listDatasets: request(zNone, z.object({ datasets: z.array(zDatasetDoc) }), 'the built-in datasets and the file formats, with fields and options'),
  startTraining: request(
    z.strictObject({ graph: zGraph, project: zProjectPath.nullable(), draft: zDraftId.optional(), overrides: zTrainingOverrides.optional() }),
    z.object({ runId: z.string(), dir: zPath }),
    'starts a run in the runs folder beside the project; progress arrives as training events',
  ),
  pauseTraining: request(z.strictObject({ runId: z.string() }), z.object({ state: zTrainState }), 'pauses within one batch'),
  resumeTraining: request(z.strictObject({ runId: z.string() }), z.object({ state: zTrainState }), 'resumes a paused run'),
  stepTraining: request(z.strictObject({ runId: z.string(), step: zStep }), z.object({ state: zTrainState }), 'from a pause: trains one more batch (or the rest of the epoch), then pauses again'),
  slowMotion: request(z.strictObject({ runId: z.string(), ms: zSlowMotion }), zOk, 'waits this long after every batch of the run (0: full speed)'),
  watchProbe: request(z.strictObject({ runId: z.string(), sample: zSample.nullable() }), zOk, 'probes this validation sample while the run trains (trainingProbe events); null stops'),
  cancelTraining: request(z.strictObject({ runId: z.string() }), z.object({ state: zTrainState }), 'cancels within one batch; the last checkpoint stays'),
  trainingState: request(zNone, z.object({ runId: z.string().nullable(), state: zTrainState }), 'the current run, if any, and its state'),
  listRuns: request(zRunsOwner.strict(), z.object({ runs: z.array(zRunInfo) }), 'the runs of a project (or of an unsaved draft), newest first, with their status'),
  nameRun: request(z.strictObject({ run: zRunRef, name: z.string().max(200) }), zOk, 'gives a run a name (empty: none)'),
  deleteRun: request(z.strictObject({ run: zRunRef }), zOk, 'deletes a run folder and everything in it'),
  readRunMetrics: request(zRunRef.strict(), z.object({ lines: z.array(zMetricsLine) }), "a run's metrics.jsonl, one entry per epoch"),
  generate: request(
    z.strictObject({
      run: zRunRef,
      n: z.number().int().min(1).max(64).default(1),
      /** 0 is greedy; 1 samples the model's own distribution. */
      temperature: z.number().min(0).max(5).default(0.65),
      maxSteps: z.number().int().min(1).max(5000).default(250),
      seed: z.number().int().optional(),
      /** Strokes to complete, as stroke-5 steps (stroke models only). */
      primer: z.array(zStroke5).max(5000).optional(),
      /** Inputs that condition generation (seq2seq source text, a class id), by input node id. */
      inputs: z.record(z.string(), z.union([z.string(), zNestedNumbers])).optional(),
      /** Drawings (by index) whose per-step mixture distributions come back, to replay them (mdn heads). */
      mixturesFor: zMixturesFor.optional(),
    }),
    zGenerated,
    'samples from a trained run through the feedback the graph declares',
  ),
  predict: request(
    z.strictObject({ run: zRunRef, inputs: z.record(z.string(), zNestedNumbers) }),
    z.object({ outputs: z.record(z.string(), zNestedNumbers) }),
    'runs a trained model on inputs keyed by input node id; outputs keyed by Output node id',
  ),
  previewSamples: request(
    zPreviewSamplesPayload,
    zPreviewSamplesResult,
    "a few samples of a run's validation split: each input's values, each Output's truth and the trained model's prediction",
  ),
  probeRun: request(
    zProbePayload,
    zProbeResult,
    "what flows inside a trained run for one sample of its validation split: wire values, every recurrent layer's states and gates per step, attention weights",
  ),
  exportModel: request(
    z.strictObject({ run: zRunRef, format: z.enum(['tfjs', 'keras']), path: zPath.optional() }),
    z.object({ path: zPath, files: z.array(z.string()) }).nullable(),
    'writes model files (tfjs folder) or a Keras script; native dialog when no path; null when cancelled',
  ),
  importModel: request(
    z.strictObject({
      path: zPath.optional(),
      /** The new document's draft: weights that came with the file become its first run. */
      draft: zDraftId.optional(),
      /** An encoder imported before (its outputs are ModelOutputs): the model at `path` is its decoder, and the two are joined into one graph. */
      joinWith: zPath.optional(),
    }),
    z.object({ path: zPath, graph: zGraph, notes: z.array(z.string()), runId: zRunId.nullable().optional() }).nullable(),
    'turns a Keras or tfjs model.json into a new, unsaved graph (its weights a run of that draft); null when cancelled',
  ),
} as const satisfies Record<string, RequestDef>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
