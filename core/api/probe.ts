import { z } from 'zod';
import { zRunRef } from './schemas';

/**
 * `probeRun`: what flows inside a trained run's network for one sample of
 * its validation split: the value on wires, the state and gates of every
 * recurrent layer at every step, attention weights. Capped here so that one
 * answer stays a few megabytes whatever the model.
 */
export const PROBE_LIMITS = {
  /** Steps kept of any per-step value; later steps are cut (and a note says so). */
  steps: 512,
  /** Numbers of one matrix (a wire's value, one gate's [T, units]); a bigger one is cut by steps. */
  values: 65_536,
  /** Wires and nodes one request may name. */
  names: 256,
} as const;

const zName = z.string().min(1).max(200);

export const zProbePayload = z.strictObject({
  run: zRunRef,
  /** The sample's position in the run's validation split. */
  sample: z.number().int().min(0).max(10_000_000),
  /** Wires as `node.port`; every built wire when absent. */
  wires: z.array(zName).max(PROBE_LIMITS.names).optional(),
  /** Recurrent and attention nodes to trace; every one when absent. */
  nodes: z.array(zName).max(PROBE_LIMITS.names).optional(),
});

const zMatrix = z.array(z.array(z.number()));

export const zWireValue = z.object({ wire: z.string(), nodeId: z.string(), port: z.string(), shape: z.array(z.number().int().min(0)), values: z.array(z.number()) });
export const zCellProbe = z.object({
  nodeId: z.string(),
  layer: z.string(),
  cell: z.enum(['LSTM', 'GRU', 'SimpleRNN']),
  direction: z.enum(['forward', 'backward']),
  steps: z.number().int().min(0),
  units: z.number().int().min(1),
  h: zMatrix,
  c: zMatrix.optional(),
  gates: z.record(z.string(), zMatrix),
});
export const zAttentionProbe = z.object({ nodeId: z.string(), weights: zMatrix });
export const zProbedInput = z.object({
  nodeId: z.string(),
  field: z.string(),
  shape: z.array(z.number().int().min(0)),
  values: z.array(z.number()),
  tokens: z.array(z.string()).nullable(),
});

export const zProbeResult = z.object({
  split: z.enum(['validation', 'training']),
  sample: z.number().int().min(0),
  datasetIndex: z.number().int().min(0),
  splitSize: z.number().int().min(0),
  inputs: z.array(zProbedInput),
  wires: z.array(zWireValue),
  cells: z.array(zCellProbe),
  attention: z.array(zAttentionProbe),
  notes: z.array(z.string()),
});
export type ProbeRunResult = z.infer<typeof zProbeResult>;
export type CellProbeView = z.infer<typeof zCellProbe>;
export type WireValueView = z.infer<typeof zWireValue>;
