import * as tf from '@tensorflow/tfjs';
import { float, type TensorType } from '../shapes/tensor-type';
import { describeType, fail, lastDim, mismatch, needKnownLast, needSequence } from './checks';
import { customLayers } from './custom-layers';
import { DEFAULT_INIT, FORGET_BIAS_PARAM, forgetBiasOptions, INIT_PARAMS, recurrentKernelInitializer, type InitParams } from './initializers';
import type { BuildContext, InferContext, InferResult, PortDef, PortTypes, ShapeIssue } from './spec';

/**
 * What SimpleRNN, LSTM and GRU share: params, ports, the shape rule, the Keras
 * parameter count and the tfjs build. Each cell's module picks its param set
 * and spreads `recurrentParts(cell)` into its spec.
 */

export const RECURRENT_CELLS = ['LSTM', 'GRU', 'SimpleRNN'] as const;
export type RecurrentCell = (typeof RECURRENT_CELLS)[number];

export const RNN_ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'linear', 'elu', 'selu', 'softsign'] as const;
export const GATE_ACTIVATIONS = ['sigmoid', 'hardSigmoid', 'tanh', 'linear'] as const;
export const MERGE_MODES = ['concat', 'sum', 'ave', 'mul'] as const;

export const RECURRENT_PARAMS = {
  units: { kind: 'int', min: 1, max: 4096, initial: 64, help: 'size of the hidden state' },
  activation: { kind: 'choice', options: RNN_ACTIVATIONS, default: 'tanh' },
  returnSequences: { kind: 'bool', default: false, initial: false, help: 'give the output of every step, not only the last' },
  dropout: { kind: 'float', min: 0, max: 1, maxExclusive: true, default: 0, help: 'dropout on the inputs, while training' },
  recurrentDropout: { kind: 'float', min: 0, max: 1, maxExclusive: true, default: 0, help: 'dropout on the recurrent state, while training' },
  goBackwards: { kind: 'bool', default: false, help: 'read the sequence from its end' },
  bidirectional: { kind: 'choice', options: MERGE_MODES, nullable: true, default: null, help: 'also read backwards and merge both readings' },
  ...INIT_PARAMS,
} as const;

export const GATED_RECURRENT_PARAMS = {
  ...RECURRENT_PARAMS,
  recurrentActivation: { kind: 'choice', options: GATE_ACTIVATIONS, default: 'sigmoid', help: 'activation of the gates' },
} as const;

export const LSTM_PARAMS = { ...GATED_RECURRENT_PARAMS, ...FORGET_BIAS_PARAM } as const;

/** The resolved params every recurrent cell has (`recurrentActivation` only on LSTM and GRU). */
export interface RecurrentParams extends InitParams {
  units: number;
  activation: (typeof RNN_ACTIVATIONS)[number];
  returnSequences: boolean;
  dropout: number;
  recurrentDropout: number;
  goBackwards: boolean;
  bidirectional: (typeof MERGE_MODES)[number] | null;
  recurrentActivation?: (typeof GATE_ACTIVATIONS)[number];
  /** GRU only: Keras's reset_after (two bias rows); absent in v1 files, which mean false. */
  resetAfter?: boolean;
}

/** Weight blocks per cell: Keras stacks them in one kernel (i, f, c, o for LSTM; z, r, h for GRU). */
const GATES: Record<RecurrentCell, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };

const stateInputs = (cell: RecurrentCell) => (cell === 'LSTM' ? ['h0', 'c0'] : ['h0']);
const stateOutputs = (cell: RecurrentCell) => (cell === 'LSTM' ? ['h', 'c'] : ['h']);

/** Keras parameter count of one recurrent layer reading `features` per step. */
export function recurrentParamCount(cell: RecurrentCell, units: number, features: number, bidirectional: boolean, resetAfter = false): number {
  // A reset-after GRU has a second bias row.
  const biases = cell === 'GRU' && resetAfter ? 2 : 1;
  const one = GATES[cell] * (units * (features + units) + biases * units);
  return bidirectional ? 2 * one : one;
}

/** The options of `tf.layers.lstm`; GRU and SimpleRNN take the same minus `recurrentActivation`. */
export type RecurrentLayerArgs = Parameters<typeof tf.layers.lstm>[0];

/**
 * The tfjs layer of one cell, its weights started as `init` says; a
 * reset-after GRU is Seqwire's own layer (reset-after-gru.ts), since tfjs refuses it.
 */
export function makeRecurrentLayer(cell: RecurrentCell, args: RecurrentLayerArgs, init: InitParams = DEFAULT_INIT, resetAfter = false): tf.layers.RNN {
  const config: RecurrentLayerArgs = { ...args, recurrentInitializer: recurrentKernelInitializer(init.recurrentInitializer, init.recurrentGain, args.units) };
  switch (cell) {
    case 'LSTM':
      // Keras starts the forget gate's bias at 1 (unit_forget_bias=True); tfjs at 0,
      // which halves the cell state every step and makes the gradient vanish
      // within a few dozen steps (measured: 1e-12 at 40 steps back).
      return tf.layers.lstm({ ...config, ...forgetBiasOptions(init.forgetBias ?? 1) });
    case 'GRU':
      return resetAfter ? new (customLayers().ResetAfterGRU)(config) : tf.layers.gru(config);
    case 'SimpleRNN': {
      const { recurrentActivation: _unused, ...rest } = config;
      return tf.layers.simpleRNN(rest);
    }
  }
}

function inferRecurrent(cell: RecurrentCell, { params, inputs, usedOutputs }: InferContext<RecurrentParams>): InferResult {
  const issues: ShapeIssue[] = [];
  const x = inputs.in[0];
  const bad = needSequence('in', x) ?? needKnownLast('in', x);
  if (bad) issues.push(bad);
  if (params.recurrentInitializer === 'identity' && cell !== 'SimpleRNN') {
    issues.push({ code: 'invalid-param', message: `recurrentInitializer identity needs a square recurrent kernel, which only SimpleRNN has (an ${cell}'s is units × ${cell === 'LSTM' ? 4 : 3}·units); choose orthogonal` });
  }
  if (params.bidirectional) {
    const used = [...stateInputs(cell).filter((p) => inputs[p]?.length), ...stateOutputs(cell).filter((p) => usedOutputs.has(p))];
    for (const port of used) {
      issues.push({
        code: 'state-with-bidirectional',
        port,
        message: `the state port ${port} cannot be used with bidirectional: ${params.bidirectional} (a bidirectional layer has two states); set bidirectional to none or remove the wire`,
      });
    }
  }
  for (const port of stateInputs(cell)) {
    const s = inputs[port]?.[0];
    if (s && !(s.dtype === 'float32' && s.shape.length === 1 && s.shape[0] === params.units)) {
      issues.push(mismatch(port, `expects an initial state [${params.units}] (the node's units), found ${describeType(s)}; project it with a Dense of ${params.units} units`));
    }
  }
  if (issues.length) return fail(...issues);
  const width = params.bidirectional === 'concat' ? 2 * params.units : params.units;
  const outputs: Record<string, TensorType> = {
    out: params.returnSequences ? float(x.shape[0], width) : float(width),
    h: float(params.units),
  };
  if (cell === 'LSTM') outputs.c = float(params.units);
  return { ok: true, outputs };
}

function buildRecurrent(cell: RecurrentCell, ctx: BuildContext<RecurrentParams>): Record<string, tf.SymbolicTensor> {
  const { params, inputs, usedOutputs, layerName } = ctx;
  const bidirectional = params.bidirectional;
  const returnState = !bidirectional && stateOutputs(cell).some((p) => usedOutputs.has(p));
  const name = layerName();
  const config: RecurrentLayerArgs = {
    units: params.units,
    activation: params.activation,
    returnSequences: params.returnSequences,
    dropout: params.dropout,
    recurrentDropout: params.recurrentDropout,
    goBackwards: params.goBackwards,
    returnState,
    name: bidirectional ? layerName('cell') : name,
  };
  if (cell !== 'SimpleRNN') config.recurrentActivation = params.recurrentActivation ?? 'sigmoid';
  const rnn = makeRecurrentLayer(cell, config, params, !!params.resetAfter);
  const layer = bidirectional ? tf.layers.bidirectional({ layer: rnn, mergeMode: bidirectional, name }) : rnn;
  const initialState = initialStates(cell, ctx);
  const result = layer.apply(inputs.in[0], initialState ? { initialState } : undefined) as tf.SymbolicTensor | tf.SymbolicTensor[];
  if (!Array.isArray(result)) return { out: result };
  const [out, h, c] = result;
  return cell === 'LSTM' ? { out, h, c } : { out, h };
}

/** The initial states to pass, or none; an LSTM given only one of h0/c0 starts the other at zero. */
function initialStates(cell: RecurrentCell, { inputs, layerName }: BuildContext<RecurrentParams>): tf.SymbolicTensor[] | null {
  const h0 = inputs.h0?.[0];
  if (cell !== 'LSTM') return h0 ? [h0] : null;
  const c0 = inputs.c0?.[0];
  if (!h0 && !c0) return null;
  const zeros = (like: tf.SymbolicTensor) => new (customLayers().ZerosLike)({ name: layerName('zeros') }).apply(like) as tf.SymbolicTensor;
  return [h0 ?? zeros(c0!), c0 ?? zeros(h0!)];
}

/** The parts of a recurrent node spec that do not depend on its param set. */
export function recurrentParts(cell: RecurrentCell) {
  return {
    inputs: (): PortDef[] => [{ name: 'in' }, ...stateInputs(cell).map((name) => ({ name, state: true, optional: true }))],
    outputs: (): PortDef[] => [{ name: 'out' }, ...stateOutputs(cell).map((name) => ({ name, state: true }))],
    summary: (p: RecurrentParams): string =>
      [`${p.units}`, p.returnSequences ? 'seq' : '', p.bidirectional ? `bi ${p.bidirectional}` : '', p.goBackwards ? 'backwards' : ''].filter(Boolean).join(', '),
    infer: (ctx: InferContext<RecurrentParams>): InferResult => inferRecurrent(cell, ctx),
    paramCount: (p: RecurrentParams, inputs: PortTypes): number => recurrentParamCount(cell, p.units, lastDim(inputs.in[0]), p.bidirectional !== null, !!p.resetAfter),
    build: (ctx: BuildContext<RecurrentParams>): Record<string, tf.SymbolicTensor> => buildRecurrent(cell, ctx),
  };
}
