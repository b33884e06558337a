import * as tf from '@tensorflow/tfjs';

/**
 * The contract of the fused recurrent sequence ops: one kernel call runs a
 * whole LSTM, GRU or SimpleRNN layer over all its steps, one more runs its
 * backward. Core declares their names, attributes and gradients here; the
 * main side (electron/backend/fused) registers the kernels themselves for the
 * backends that have them. Core never loads them: where a backend lacks them
 * (the browser, tfjs-node), the layers run as plain tfjs (fused-rnn-call.ts).
 *
 * Forward kernel inputs: x [B,T,F], h0 [B,U] (and c0 for LSTM), kernel,
 * recurrentKernel, bias, optionally mask [B,T] (float, 0 = skip the step).
 * Outputs: the output of every step [B,T,U] in the order the layer reads
 * them, the final h (and c), and the handle [1] of the workspace the backward
 * kernel reads (kept in the kernels' own memory while a gradient is recorded).
 * Backward kernel inputs: kernel, recurrentKernel, ws, dhseq, dhT (and dcT);
 * outputs: dx, dh0 (and dc0), dKernel, dRecurrentKernel, dBias.
 */

export const FUSED_CELLS = ['LSTM', 'GRU', 'SimpleRNN'] as const;
export type FusedCell = (typeof FUSED_CELLS)[number];

export function fusedKernelNames(cell: FusedCell): { forward: string; backward: string } {
  return { forward: `Seqwire${cell}Sequence`, backward: `Seqwire${cell}SequenceGrad` };
}

/** Activation codes shared with the C kernels (simd.h). */
export const FUSED_ACTIVATIONS: Record<string, number> = { tanh: 0, sigmoid: 1, relu: 2, linear: 3, hardSigmoid: 4 };

/** Attributes of both kernels. */
export interface FusedAttrs {
  goBackwards: boolean;
  activation: number;
  recurrentActivation: number;
}

/** The attributes packed into one int as the C kernels read them (simd.h): goBackwards | activation << 4 | recurrent activation << 8. */
export const fusedFlags = (a: FusedAttrs) => (a.goBackwards ? 1 : 0) | (a.activation << 4) | (a.recurrentActivation << 8);

const stateCount = (cell: FusedCell) => (cell === 'LSTM' ? 2 : 1);

// The switch and the record of which layers ran fused: module state, as the
// choice is per process (the bench flips it; SEQWIRE_FUSED=0 sets it at start).
let enabled = true;
const fused = new Set<string>();
const fallback = new Map<string, string>();
let wholeStep: string | null = null;

/** Turns the fused path on or off for every recurrent layer that runs from now on. */
export function setFusedRecurrent(on: boolean): void {
  enabled = on;
}

export function fusedRecurrentEnabled(): boolean {
  return enabled;
}

let wholeStepEnabled = true;

/** Turns the whole training step in one kernel call (core/train/whole-step.ts) on or off, the fused layers staying as they are: for the bench's comparison. */
export function setFusedWholeStep(on: boolean): void {
  wholeStepEnabled = on;
}

export function fusedWholeStepEnabled(): boolean {
  return wholeStepEnabled;
}

/**
 * Which layers ran fused, and which fell back to plain tfjs and why, since
 * the last reset (each compile resets); and how the last run's training
 * steps ran: 'one kernel call' (core/train/whole-step.ts) or why not.
 */
export function fusedRecurrentUse(): { fused: string[]; fallback: { layer: string; reason: string }[]; wholeStep: string | null } {
  return { fused: [...fused], fallback: [...fallback].map(([layer, reason]) => ({ layer, reason })), wholeStep };
}

export function resetFusedRecurrentUse(): void {
  fused.clear();
  fallback.clear();
  wholeStep = null;
}

export function noteWholeStep(how: string): void {
  wholeStep = how;
}

export function noteFused(layer: string): void {
  fused.add(layer);
}

export function noteFallback(layer: string, reason: string): void {
  fallback.set(layer, reason);
}

/** True when the current backend has the fused kernels of `cell`. */
export function fusedAvailable(cell: FusedCell): boolean {
  return tf.getKernel(fusedKernelNames(cell).forward, tf.getBackend()) !== undefined;
}

type Grads = Record<string, () => tf.Tensor>;

/** The gradient of a forward kernel: one call of its backward kernel. */
function registerGradient(cell: FusedCell): void {
  const names = fusedKernelNames(cell);
  const states = stateCount(cell);
  tf.registerGradient({
    kernelName: names.forward,
    inputsToSave: ['kernel', 'recurrentKernel'],
    outputsToSave: [false, ...Array(states).fill(false), true],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs?: tf.NamedAttrMap): Grads => {
      const dys = dy as tf.Tensor[];
      const [kernel, recurrentKernel, ws] = saved;
      const inputs: tf.NamedTensorMap = { kernel, recurrentKernel, ws, dhseq: dys[0], dhT: dys[1] };
      if (states === 2) inputs.dcT = dys[2];
      // One backward call for all inputs, made here (inside the gradient pass's scope, which
      // disposes whatever no input takes) rather than in the per-input thunks.
      const result = tf.engine().runKernel(names.backward, inputs, attrs) as tf.Tensor[];
      const grad = (i: number) => () => result[i];
      const [B, T] = dys[0].shape;
      const grads: Grads = { x: grad(0), h0: grad(1) };
      if (states === 2) grads.c0 = grad(2);
      grads.kernel = grad(states + 1);
      grads.recurrentKernel = grad(states + 2);
      grads.bias = grad(states + 3);
      grads.mask = () => tf.zeros([B, T]);
      return grads;
    },
  });
}

let gradientsRegistered = false;

/**
 * Registers the fused ops' gradients with tfjs, once. Called where they are
 * needed (the fused call, the kernels' registration), not when this module
 * loads, so that importing it does not need tfjs running.
 */
export function registerFusedGradients(): void {
  if (gradientsRegistered) return;
  gradientsRegistered = true;
  for (const cell of FUSED_CELLS) registerGradient(cell);
}
