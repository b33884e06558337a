import * as tf from '@tensorflow/tfjs';
import {
  FUSED_ACTIVATIONS,
  fusedAvailable,
  fusedKernelNames,
  fusedRecurrentEnabled,
  noteFallback,
  noteFused,
  registerFusedGradients,
  type FusedAttrs,
  type FusedCell,
} from './fused-rnn';

/**
 * tfjs's recurrent layers (LSTM, GRU, SimpleRNN, also inside Bidirectional,
 * which calls its inner layers' `call`) run through the fused sequence ops
 * when the backend has them and the layer's config is one they compute;
 * otherwise tfjs's own step loop runs, exactly as before. Applied once, to
 * the RNN base class, by `useFusedRecurrentCall()` (customLayers() calls it
 * before any model is built or loaded): weights, names, config and saved
 * models are the layers' own and do not change.
 */

interface Activation {
  getClassName(): string;
}
interface Weight {
  read(): tf.Tensor;
}
interface CellLike {
  getClassName(): string;
  units: number;
  activation: Activation;
  recurrentActivation?: Activation;
  dropout?: number;
  recurrentDropout?: number;
  useBias: boolean;
  kernel: Weight;
  recurrentKernel: Weight;
  bias?: Weight;
}
export interface RnnLike {
  name: string;
  cell: CellLike;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
}
interface CallKwargs {
  mask?: tf.Tensor | null;
  training?: boolean | null;
  initialState?: tf.Tensor[] | null;
}
type Call = (this: RnnLike, inputs: tf.Tensor | tf.Tensor[], kwargs: CallKwargs) => tf.Tensor | tf.Tensor[];

export const CELL_CLASSES: Record<string, FusedCell> = { LSTMCell: 'LSTM', GRUCell: 'GRU', SimpleRNNCell: 'SimpleRNN' };

/** Why this call cannot run fused, or null when it can. */
export function reasonNotFused(layer: RnnLike, cell: FusedCell | undefined, kwargs: CallKwargs): string | null {
  if (!fusedRecurrentEnabled()) return 'the fused path is switched off';
  if (!cell) return `no fused op for ${layer.cell.getClassName()}`;
  if (!fusedAvailable(cell)) return `the ${tf.getBackend()} backend has no fused ${cell} kernel`;
  if (layer.stateful) return 'stateful layers run on plain tfjs';
  const c = layer.cell;
  if (kwargs.training && ((c.dropout ?? 0) > 0 || (c.recurrentDropout ?? 0) > 0)) return 'dropout while training runs on plain tfjs';
  if (!(c.activation.getClassName() in FUSED_ACTIVATIONS)) return `activation ${c.activation.getClassName()} has no fused form`;
  if (c.recurrentActivation && !(c.recurrentActivation.getClassName() in FUSED_ACTIVATIONS)) {
    return `recurrent activation ${c.recurrentActivation.getClassName()} has no fused form`;
  }
  return null;
}

/** The kernels' attributes for a layer (whose activations have fused forms: `reasonNotFused` said so). */
export function fusedAttrsOf(layer: RnnLike): FusedAttrs {
  const c = layer.cell;
  return {
    goBackwards: layer.goBackwards,
    activation: FUSED_ACTIVATIONS[c.activation.getClassName()],
    recurrentActivation: c.recurrentActivation ? FUSED_ACTIVATIONS[c.recurrentActivation.getClassName()] : 0,
  };
}

function fusedCall(layer: RnnLike, cell: FusedCell, inputs: tf.Tensor | tf.Tensor[], kwargs: CallKwargs): tf.Tensor | tf.Tensor[] {
  return tf.tidy(() => {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    const [B, T] = x.shape;
    const c = layer.cell;
    const U = c.units;
    const states = cell === 'LSTM' ? 2 : 1;
    const initial = kwargs.initialState ?? Array.from({ length: states }, () => tf.zeros([B, U]));
    const gates = cell === 'LSTM' ? 4 : cell === 'GRU' ? 3 : 1;
    const named: tf.NamedTensorMap = {
      x: x.dtype === 'float32' ? x : tf.cast(x, 'float32'),
      h0: initial[0],
      kernel: c.kernel.read(),
      recurrentKernel: c.recurrentKernel.read(),
      bias: c.useBias && c.bias ? c.bias.read() : tf.zeros([gates * U]),
    };
    if (states === 2) named.c0 = initial[1];
    if (kwargs.mask != null) named.mask = tf.reshape(tf.cast(kwargs.mask, 'float32'), [B, T]);
    const out = tf.engine().runKernel(fusedKernelNames(cell).forward, named, fusedAttrsOf(layer) as unknown as tf.NamedAttrMap) as tf.Tensor[];
    const finals = out.slice(1, 1 + states);
    const output = layer.returnSequences ? out[0] : finals[0];
    return layer.returnState ? [output, ...finals] : output;
  });
}

/**
 * The last fused call of each layer: tfjs's graph executor applies a layer
 * once per output it gives (an RNN with returnState has two or three), with
 * the same input tensors each time, and keeps only the outputs of the first
 * run. A repeat with the very same inputs and weights gets the first run's
 * outputs (clones; one the executor has already disposed as used up is handed
 * back as it is, so that any use of it fails loudly) instead of a second run.
 */
interface LastCall {
  inputs: (tf.Tensor | null | undefined)[];
  weights: tf.DataId[];
  training: boolean;
  /** The gradient recording the call ran in (null outside one): a repeat in another recording must run to be on its tape. */
  tape: unknown;
  outputs: tf.Tensor[];
}
const lastCalls = new WeakMap<RnnLike, LastCall>();

function callKey(layer: RnnLike, inputs: tf.Tensor | tf.Tensor[], kwargs: CallKwargs): Omit<LastCall, 'outputs'> {
  const c = layer.cell;
  return {
    inputs: [Array.isArray(inputs) ? inputs[0] : inputs, kwargs.mask, ...(kwargs.initialState ?? [])],
    weights: [c.kernel.read().dataId, c.recurrentKernel.read().dataId, ...(c.useBias && c.bias ? [c.bias.read().dataId] : [])],
    training: !!kwargs.training,
    tape: (tf.engine() as unknown as { state: { activeTape: unknown } }).state.activeTape ?? null,
  };
}

function repeatOf(layer: RnnLike, key: Omit<LastCall, 'outputs'>): tf.Tensor[] | null {
  const last = lastCalls.get(layer);
  if (!last || last.training !== key.training || last.tape !== key.tape || last.outputs.every((t) => t.isDisposed)) return null;
  const same = <T>(a: T[], b: T[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  return same(last.inputs, key.inputs) && same(last.weights, key.weights) ? last.outputs.map((t) => (t.isDisposed ? t : t.clone())) : null;
}

function patchRnnCall(proto: { call: Call & { seqwireFused?: true } }): void {
  const original = proto.call;
  if (original.seqwireFused) return;
  const call: Call & { seqwireFused?: true } = function (this: RnnLike, inputs, kwargs) {
    const cell = CELL_CLASSES[this.cell.getClassName()];
    const reason = reasonNotFused(this, cell, kwargs ?? {});
    if (reason === null && cell) {
      noteFused(this.name);
      const key = callKey(this, inputs, kwargs ?? {});
      const repeat = repeatOf(this, key);
      if (repeat) return repeat.length === 1 ? repeat[0] : repeat;
      const out = fusedCall(this, cell, inputs, kwargs ?? {});
      lastCalls.set(this, { ...key, outputs: Array.isArray(out) ? out : [out] });
      return out;
    }
    noteFallback(this.name, reason ?? 'unknown');
    return original.call(this, inputs, kwargs);
  };
  call.seqwireFused = true;
  proto.call = call;
}

let patched = false;

/** Routes tfjs's recurrent layers through the fused ops where they apply; later calls do nothing. */
export function useFusedRecurrentCall(): void {
  if (patched) return;
  patched = true;
  registerFusedGradients();
  // RNN is not exported by tfjs; it is the parent class of LSTM.
  const lstmProto = Object.getPrototypeOf(tf.layers.lstm({ units: 1 }));
  patchRnnCall(Object.getPrototypeOf(lstmProto));
}
