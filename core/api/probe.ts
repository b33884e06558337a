import { z } from 'zod';
import { HEADS } from '../compile/types';
import { zRunRef } from './schemas';

/**
 * `probeRun`: what flows inside a trained run's network for one sample of
 * its validation split: the value on wires, the state and gates of every
 * recurrent layer at every step, attention weights, where each Glimpse node
 * looked and its heads after each glimpse, and the sample's targets. Capped
 * here so that one answer stays a few megabytes whatever the model.
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

export const zGlimpseProbe = z.object({
  nodeId: z.string(),
  grid: z.number().int().min(1),
  image: z.object({ shape: z.array(z.number().int().min(0)), values: z.array(z.number()) }),
  /** Per glimpse: centre x, centre y, stride, blur σ (pixels, pixel i's centre at i), gain. */
  where: zMatrix,
  /** Per glimpse, what its n × n filters read before the gain, [n, n, C] row-major. */
  patches: zMatrix,
  /** Per glimpse, the box its grid covers in image coordinates (pixel i from i to i + 1), its filter centres, σ and gain. */
  boxes: z.array(z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number(), xs: z.array(z.number()), ys: z.array(z.number()), blur: z.number(), gain: z.number() })),
  /** Each Output that reads only the glimpse state: its output after each glimpse, and the model's own output. */
  heads: z.array(z.object({ nodeId: z.string(), head: z.enum(HEADS), perStep: zMatrix, model: z.array(z.number()) })),
});

export const zProbeResult = z.object({
  split: z.enum(['validation', 'training']),
  sample: z.number().int().min(0),
  datasetIndex: z.number().int().min(0),
  splitSize: z.number().int().min(0),
  inputs: z.array(zProbedInput),
  targets: z.array(zProbedInput),
  wires: z.array(zWireValue),
  cells: z.array(zCellProbe),
  attention: z.array(zAttentionProbe),
  glimpses: z.array(zGlimpseProbe),
  notes: z.array(z.string()),
});
export type ProbeRunResult = z.infer<typeof zProbeResult>;
export type CellProbeView = z.infer<typeof zCellProbe>;
export type WireValueView = z.infer<typeof zWireValue>;
export type GlimpseProbeView = z.infer<typeof zGlimpseProbe>;
