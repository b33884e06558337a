import type { z } from 'zod';
import type { requests } from '../../core/api/requests';
import type { DatasetDoc } from '../../core/data/catalogue';
import type { Graph } from '../../core/graph/schema';
import type { TrainEvent } from '../../core/train/events';
import type { TrainState } from '../../core/train/state';
import type { PreviewSamples } from '../../core/api/preview';
import type { ProbeRunResult } from '../../core/api/probe';
import type { ModelFiles } from '../../core/export/tfjs-files';

/**
 * What the host needs from the parts other modules build (training worker,
 * generation, export, datasets). The host stays a thin, checked layer over
 * the file system; each service is optional and its requests answer
 * `not-available` until it is wired (see `default-services.ts`).
 */

export interface TrainingStart {
  runId: string;
  /** The run's folder, created by the host; the trainer writes its files here. */
  dir: string;
  graph: Graph;
  /** Where relative dataset paths are resolved from (the project's folder). */
  baseDir: string;
  /** A dataset file the host checked the user may read, when the graph names one. */
  datasetFile: string | null;
  overrides: z.output<typeof requests.startTraining.payload>['overrides'];
}

export interface TrainingListener {
  event(event: TrainEvent): void;
  state(state: TrainState): void;
  /** What flows inside the model for the watched sample, while it trains (or why it cannot be probed). */
  probe?(result: { probe: ProbeRunResult } | { error: string }): void;
}

/** One training run at a time, in a worker; events arrive through the listener given to `start`. */
export interface TrainingService {
  start(run: TrainingStart, listener: TrainingListener): Promise<void>;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Step-by-step training: one more batch, or the rest of the epoch, then pause. */
  step(step: 'batch' | 'epoch'): void;
  /** A wait after every batch (0: none). */
  slowMotion(ms: number): void;
  /** The validation sample to probe while training; null stops. */
  watch(sample: number | null): void;
  /** Frees the worker when the host closes. */
  dispose(): Promise<void>;
}

export type GenerateOptions = Omit<z.output<typeof requests.generate.payload>, 'run'>;
export type Generated = z.input<typeof requests.generate.result>;
export type PreviewOptions = Omit<z.output<typeof requests.previewSamples.payload>, 'run'>;
export type ProbeOptions = Omit<z.output<typeof requests.probeRun.payload>, 'run'>;
export type NestedInputs = z.output<typeof requests.predict.payload>['inputs'];

/** Checks a data file a run names before it is read; gives the path to read, or throws `refused-path`. */
export type DataConfine = (abs: string) => Promise<string>;

export interface HostServices {
  training?: TrainingService;
  /** The catalogue of built-in datasets and file formats. */
  datasets?: () => Promise<DatasetDoc[]>;
  generate?: (runDir: string, options: GenerateOptions, confine?: DataConfine) => Promise<Generated>;
  predict?: (runDir: string, inputs: NestedInputs, confine?: DataConfine) => Promise<Record<string, unknown>>;
  /** Samples of the run's validation split with the model's predictions (see core/api/preview). */
  previewSamples?: (runDir: string, options: PreviewOptions, confine?: DataConfine) => Promise<PreviewSamples>;
  /** What flows inside the run's network for one validation sample (see core/api/probe). */
  probeRun?: (runDir: string, options: ProbeOptions, confine?: DataConfine) => Promise<ProbeRunResult>;
  /** Writes the run's model as tfjs files into folder `target`, or as a Keras script at `target`; gives the files written. */
  exportModel?: (runDir: string, format: 'tfjs' | 'keras', target: string) => Promise<string[]>;
  /** Turns a Keras or tfjs `model.json` into a graph, with its weights in the graph's layout when it has them. */
  /** With `joinWith`, the model at `path` is the decoder of the encoder at `joinWith`, and the two are joined. */
  importModel?: (path: string, joinWith?: string) => Promise<{ graph: Graph; weights: ModelFiles | null; notes: string[] }>;
}

/** Native dialogs (Electron); browser mode has none and uses `browse` instead. */
export interface Dialogs {
  openProject(defaultDir?: string): Promise<string | null>;
  saveProject(suggestedName: string, defaultDir?: string): Promise<string | null>;
  openDataset(defaultDir?: string): Promise<string | null>;
  openModel(): Promise<string | null>;
  /** A folder for tfjs files, or a `.py` file for Keras. */
  exportTarget(format: 'tfjs' | 'keras', suggestedName: string): Promise<string | null>;
}
