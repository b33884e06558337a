import { z } from 'zod';
import { zTrainState } from '../../core/api/schemas';
import { zBatchEvent, zDoneEvent, zEpochEvent, zErrorEvent } from '../../core/train/events';
import { zBackendName } from '../backend/names';
import { zProbeResult } from '../../core/api/probe';

/**
 * The protocol between the training controller (main thread) and the
 * training worker: one discriminated union each way, checked by schema on
 * arrival. A message that does not parse is a bug on the other side, so the
 * parse functions throw (as netron's worker does) rather than guess.
 */

/** One training run: which graph, where it writes, and what the command line overrides. */
/** One step of step-by-step training: a batch, or the rest of the epoch. */
export const zStep = z.enum(['batch', 'epoch']);

export const zTrainJob = z.object({
  /** The graph document (already parsed and checked by whoever read the file). */
  graph: z.unknown(),
  /** The folder that relative dataset paths are relative to: the graph file's folder. */
  baseDir: z.string(),
  /** The run folder: model.json, weights.bin, metrics.jsonl, graph.seqwire.json, checkpoints/. */
  outDir: z.string(),
  epochs: z.number().int().min(1).optional(),
  backend: zBackendName.optional(),
  /** Go on from the last checkpoint of this run folder (often `outDir` itself). */
  resumeFrom: z.string().optional(),
  /** A dataset file to read instead of the graph's `training.dataset.file` (the host checked it may be read). */
  datasetFile: z.string().nullable().optional(),
  /** Skip the per-epoch gradient-flow probe (the benchmark measures the bare loop). */
  gradientFlow: z.boolean().optional(),
  /** Start, run this one step, and pause (training step by step, for teaching). */
  step: zStep.optional(),
  /** Wait this long after every batch (slow motion, to watch the views change). */
  slowMotionMs: z.number().int().min(0).max(5000).optional(),
  /** The validation sample to probe while training (see live-probe.ts); none when absent. */
  probeSample: z.number().int().min(0).optional(),
});
export type TrainJob = z.infer<typeof zTrainJob>;

export const zToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), job: zTrainJob }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('step'), step: zStep }),
  z.object({ type: z.literal('slowMotion'), ms: z.number().int().min(0).max(5000) }),
  /** Probe another validation sample from now on; null stops probing. */
  z.object({ type: z.literal('probe'), sample: z.number().int().min(0).nullable() }),
]);
export type ToWorker = z.infer<typeof zToWorker>;

export const zFromWorker = z.discriminatedUnion('type', [
  /** The worker is up and listening. */
  z.object({ type: z.literal('ready') }),
  /** The run's backend and what it resumed from, before the first batch. */
  z.object({ type: z.literal('started'), backend: z.string(), resumedFromEpoch: z.number().int().nullable(), trainSize: z.number().int(), notes: z.array(z.string()) }),
  z.object({ type: z.literal('state'), state: zTrainState }),
  zBatchEvent.extend({ type: z.literal('progress') }),
  zEpochEvent,
  z.object({ type: z.literal('checkpoint'), epoch: z.number().int(), dir: z.string() }),
  zDoneEvent.extend({ outDir: z.string() }),
  zErrorEvent,
  /** What flows inside the model now, for the sample watched (or why it cannot be probed). */
  z.object({ type: z.literal('probe'), probe: zProbeResult.nullable(), error: z.string().optional() }),
]);
export type FromWorker = z.infer<typeof zFromWorker>;

function describe(data: unknown): string {
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  return type === undefined ? JSON.stringify(data)?.slice(0, 80) ?? String(data) : `type ${JSON.stringify(type)}`;
}

/** Checks a message for the worker; throws on anything else. */
export function parseToWorker(data: unknown): ToWorker {
  const r = zToWorker.safeParse(data);
  if (!r.success) throw new Error(`training worker: unknown or malformed message (${describe(data)}): ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

/** Checks a message from the worker; throws on anything else. */
export function parseFromWorker(data: unknown): FromWorker {
  const r = zFromWorker.safeParse(data);
  if (!r.success) throw new Error(`training controller: unknown or malformed message from the worker (${describe(data)}): ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}
