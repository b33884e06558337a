import { z } from 'zod';
import { zEpochEvent } from '../train/events';
import { WEIGHTS_FILE } from '../export/tfjs-files';

/**
 * The run folder as a schema: its file names and the JSON files it holds.
 *
 *   run.json                    the run's note: name, when it started, how it ended, settings
 *   graph.seqwire.json          the graph it was trained from (or imported)
 *   model.json, weights.bin     the trained model (tfjs layers format)
 *   metrics.jsonl               one line per epoch: epoch, loss, valLoss, metrics
 *   checkpoints/epoch-NNNN/     model.json, weights.bin, optimizer.bin, state.json
 *   checkpoints/latest.json     which checkpoint is the newest
 *
 * Every file is written under a temporary name (`.NAME.*.tmp`) and renamed,
 * so a killed write leaves the previous file; leftovers are swept at start.
 */
export const RUN_FILES = {
  note: 'run.json',
  graph: 'graph.seqwire.json',
  model: 'model.json',
  weights: WEIGHTS_FILE,
  metrics: 'metrics.jsonl',
  checkpoints: 'checkpoints',
  latest: 'latest.json',
  state: 'state.json',
  optimizer: 'optimizer.bin',
} as const;

/** How many checkpoints a run keeps (the newest ones). */
export const KEEP_CHECKPOINTS = 2;

/** A run's folder name: no separators, so it can never leave its runs folder. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A temporary file or folder of an interrupted write: `.NAME.tmp` or `.NAME.<pid>.<hex>.tmp`. */
export const TEMP_NAME = /^\..+\.tmp$/;

export function checkpointName(epoch: number): string {
  return `epoch-${String(epoch).padStart(4, '0')}`;
}
export const CHECKPOINT_NAME = /^epoch-\d{4,}$/;

export const zRunStatus = z.enum(['running', 'done', 'cancelled', 'failed', 'diverged', 'unknown']);
export type RunStatus = z.infer<typeof zRunStatus>;

/** The settings a run was trained with, for the runs table and its diffs. */
export const zRunSettings = z.looseObject({
  optimizer: z.string().optional(),
  learningRate: z.number().optional(),
  batchSize: z.number().optional(),
  epochs: z.number().optional(),
  seed: z.number().optional(),
  clipNorm: z.number().optional(),
  validationSplit: z.number().optional(),
  backend: z.string().optional(),
});
export type RunSettings = z.infer<typeof zRunSettings>;

export const zRunNote = z.object({
  name: z.string().max(200).optional(),
  startedAt: z.string().nullable().default(null),
  status: zRunStatus.default('unknown'),
  backend: z.string().nullable().default(null),
  message: z.string().optional(),
  /** Where the run came from when it was not trained here (an imported model.json). */
  source: z.string().optional(),
  settings: zRunSettings.optional(),
  /** The process that writes the run while it is running, so a reader can tell a live run from one cut off. */
  pid: z.number().int().optional(),
});
export type RunNote = z.infer<typeof zRunNote>;

const zMeans = z.object({ sums: z.array(z.number()), weight: z.number() });

/** `checkpoints/epoch-NNNN/state.json`. */
export const zCheckpointState = z.object({
  epoch: z.number().int().min(0),
  rngState: z.number().int(),
  optimizer: z.array(z.looseObject({ name: z.string(), shape: z.array(z.number().int()), dtype: z.string() })),
  history: z.array(zEpochEvent),
  firstLoss: z.number().optional(),
  optimizerScalars: z.record(z.string(), z.number()).optional(),
  partial: z.object({ batches: z.number().int().min(0), losses: zMeans, accuracy: zMeans, norms: zMeans }).optional(),
});
export type CheckpointState = z.infer<typeof zCheckpointState>;

/** `checkpoints/latest.json`. */
export const zLatest = z.object({ epoch: z.number().int(), dir: z.string().regex(CHECKPOINT_NAME) });
