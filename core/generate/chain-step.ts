import * as tf from '@tensorflow/tfjs';
import { FUSED_ACTIVATIONS, fusedRecurrentEnabled } from '../nodes/fused-rnn';
import type { StepPlan } from './step-model';

/**
 * One generation step of a plain chain (feedback input -> recurrent cells and
 * Dense layers, one after another -> the Output's Dense) in one kernel call:
 * every cell and layer of the step, state in, state out, instead of tfjs-layers
 * executing the step model layer by layer (about 20 kernels and most of a
 * step's time in dispatch). The kernel is registered by the main side
 * (electron/backend/fused) for the backends that have it; core finds it
 * through tfjs's kernel registry and otherwise runs the step model as before.
 *
 * Kernel inputs: x [n, 1, F]; per layer i `kernel{i}` and `bias{i}` (absent when
 * the layer has none), per recurrent layer also `recurrentKernel{i}`, `h{i}`
 * and (LSTM) `c{i}` [n, units]. Outputs: the last layer's values [n, 1, units],
 * then the recurrent layers' new states in chain order (h, and c for an LSTM).
 */
export const CHAIN_STEP_KERNEL = 'SeqwireChainStep';

/** Layer kinds of a chain, shared with the kernel. */
export const CHAIN_KINDS = { LSTM: 0, GRU: 1, SimpleRNN: 2, Dense: 3 } as const;

/** Activation codes: the fused cells' (simd.h), and softmax for a Dense head. */
export const CHAIN_ACTIVATIONS: Record<string, number> = { ...FUSED_ACTIVATIONS, softmax: 5 };

/** The attributes of the chain kernel: one entry per layer, from the input up. */
export interface ChainAttrs {
  kinds: number[];
  units: number[];
  activations: number[];
  /** The cells' recurrent activation (0 for layers that have none). */
  recurrentActivations: number[];
}

interface Weight {
  read(): tf.Tensor;
}
interface ActivationLike {
  getClassName(): string;
}
interface CellLike {
  getClassName(): string;
  units: number;
  activation: ActivationLike;
  recurrentActivation?: ActivationLike;
  useBias: boolean;
  kernel: Weight;
  recurrentKernel: Weight;
  bias?: Weight;
}
interface LayerLike {
  name: string;
  getClassName(): string;
  cell?: CellLike;
  stateful?: boolean;
  goBackwards?: boolean;
  // Dense keeps these private in its typings.
  units?: number;
  activation?: ActivationLike;
  useBias?: boolean;
  kernel?: Weight;
  bias?: Weight | null;
}
interface Sym {
  sourceLayer: LayerLike;
  inputs: Sym[];
  outputTensorIndex?: number;
}

const CELL_KINDS: Record<string, number> = { LSTMCell: CHAIN_KINDS.LSTM, GRUCell: CHAIN_KINDS.GRU, SimpleRNNCell: CHAIN_KINDS.SimpleRNN };
const stateCount = (kind: number) => (kind === CHAIN_KINDS.LSTM ? 2 : 1);

/** One layer of a chain: what the kernel computes, and where its states sit in the step model's inputs and outputs. */
interface ChainLayer {
  layer: LayerLike;
  kind: number;
  units: number;
  activation: number;
  recurrentActivation: number;
  /** Per state: its index among the step model's inputs, and among its outputs. */
  stateIn: number[];
  stateOut: number[];
}

const activationCode = (a: ActivationLike | undefined): number | undefined => (a ? CHAIN_ACTIVATIONS[a.getClassName()] : undefined);

/** The chain of layers from the step model's feedback input to its one output, or null when the step model is not such a chain. */
function readChain(plan: StepPlan): ChainLayer[] | null {
  const { step } = plan;
  if (plan.feedbackInputs.length !== 1 || plan.staticFeeds.length || plan.stepOutputs.length !== 1) return null;
  const inputs = step.inputs as unknown as Sym[];
  const outputs = step.outputs as unknown as Sym[];
  if (step.inputs[0].shape.length !== 3 || step.inputs[0].dtype !== 'float32') return null;
  const chain: ChainLayer[] = [];
  let t = outputs[0];
  while (t !== inputs[0]) {
    const layer = t.sourceLayer;
    const cls = layer.getClassName();
    if ((t.outputTensorIndex ?? 0) !== 0 || !t.inputs.length) return null;
    if (cls === 'Dropout') {
      // Generation runs in inference mode: a Dropout passes its input through.
      t = t.inputs[0];
      continue;
    }
    if (cls === 'Dense') {
      const activation = activationCode(layer.activation);
      if (activation === undefined || !layer.kernel || t.inputs.length !== 1) return null;
      chain.unshift({ layer, kind: CHAIN_KINDS.Dense, units: layer.units!, activation, recurrentActivation: 0, stateIn: [], stateOut: [] });
      t = t.inputs[0];
      continue;
    }
    const cell = layer.cell;
    const kind = cell ? CELL_KINDS[cell.getClassName()] : undefined;
    if (!cell || kind === undefined || layer.stateful || layer.goBackwards) return null;
    const activation = activationCode(cell.activation);
    const recurrentActivation = cell.recurrentActivation ? activationCode(cell.recurrentActivation) : 0;
    // Softmax is a head's activation, not a cell's.
    if (activation === undefined || recurrentActivation === undefined || activation === CHAIN_ACTIVATIONS.softmax || recurrentActivation === CHAIN_ACTIVATIONS.softmax) return null;
    const states = t.inputs.slice(1);
    if (states.length !== stateCount(kind)) return null;
    const stateIn = states.map((s) => inputs.indexOf(s));
    const stateOut = states.map((_, k) => outputs.findIndex((o) => o.sourceLayer === layer && o.outputTensorIndex === k + 1));
    if ([...stateIn, ...stateOut].some((i) => i < 1)) return null;
    chain.unshift({ layer, kind, units: cell.units, activation, recurrentActivation, stateIn, stateOut });
    t = t.inputs[0];
  }
  // Every state the step model carries must belong to the chain, and the head must be a Dense.
  const carried = chain.reduce((n, c) => n + c.stateIn.length, 0);
  if (!chain.length || chain.at(-1)!.kind !== CHAIN_KINDS.Dense || carried !== plan.states.length) return null;
  return chain;
}

/** The weights of one chain layer, in the kernel's input names. */
function weightsOf(c: ChainLayer, i: number): tf.NamedTensorMap {
  if (c.kind === CHAIN_KINDS.Dense) {
    const kernel = c.layer.kernel!.read();
    return c.layer.useBias && c.layer.bias ? { [`kernel${i}`]: kernel, [`bias${i}`]: c.layer.bias.read() } : { [`kernel${i}`]: kernel };
  }
  const cell = c.layer.cell!;
  const named: tf.NamedTensorMap = { [`kernel${i}`]: cell.kernel.read(), [`recurrentKernel${i}`]: cell.recurrentKernel.read() };
  if (cell.useBias && cell.bias) named[`bias${i}`] = cell.bias.read();
  return named;
}

/**
 * The one-call step of a plan whose step model is a plain chain, when the
 * current backend has the chain kernel and the fused path is on; null
 * otherwise (the caller applies the step model). Takes and gives tensors in
 * the step model's order (inputs: the feedback value, then the states;
 * outputs: the Output's values, then the states); the caller owns the results.
 */
export function chainStepper(plan: StepPlan): ((inputs: tf.Tensor[]) => tf.Tensor[]) | null {
  if (!fusedRecurrentEnabled() || tf.getKernel(CHAIN_STEP_KERNEL, tf.getBackend()) === undefined) return null;
  const chain = readChain(plan);
  if (!chain) return null;
  const attrs: ChainAttrs = {
    kinds: chain.map((c) => c.kind),
    units: chain.map((c) => c.units),
    activations: chain.map((c) => c.activation),
    recurrentActivations: chain.map((c) => c.recurrentActivation),
  };
  const outputCount = 1 + plan.states.length;
  return (inputs) =>
    tf.tidy(() => {
      const named: tf.NamedTensorMap = { x: inputs[0] };
      chain.forEach((c, i) => {
        Object.assign(named, weightsOf(c, i));
        if (c.stateIn.length) named[`h${i}`] = inputs[c.stateIn[0]];
        if (c.stateIn.length === 2) named[`c${i}`] = inputs[c.stateIn[1]];
      });
      const out = tf.engine().runKernel(CHAIN_STEP_KERNEL, named, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      // The kernel gives the states in chain order; the step model's outputs list them by stateOut.
      const result: tf.Tensor[] = new Array(outputCount);
      result[0] = out[0];
      let k = 1;
      for (const c of chain) for (const o of c.stateOut) result[o] = out[k++];
      return result;
    });
}
