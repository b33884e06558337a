/**
 * The contract of the optimisation step's kernels, which the main side
 * (electron/backend/fused/update-kernels.ts) registers for the backends that
 * have them: names and attributes only, so that importing it loads nothing.
 * Core uses them through tfjs's kernel registry (fused-adam.ts, clip.ts).
 */

/**
 * Adam's update of every variable in one call. Inputs: value0, grad0, m0,
 * s0, value1, ...; attrs: FusedAdamAttrs; outputs: the new value, m and s of
 * each variable in turn.
 */
export const FUSED_ADAM_KERNEL = 'SeqwireAdamUpdate';

export interface FusedAdamAttrs {
  count: number;
  b1: number;
  omb1: number;
  b2: number;
  omb2: number;
  /** 1 - beta1^t and 1 - beta2^t, in float32 as tfjs computes them. */
  c1: number;
  c2: number;
  eps: number;
  neglr: number;
}

/** The global norm of any number of gradients in one call: inputs g0, g1, ...; a scalar out. */
export const GLOBAL_NORM_KERNEL = 'SeqwireGlobalNorm';

/**
 * A whole training step of a plain recurrent stack in one call (stack-step.ts
 * decides which models are one): the recurrent layers forward, the Dense
 * head, its loss, every gradient back, the global norm, the clip and Adam,
 * all in the kernels' memory.
 *
 * Inputs: x [B,T,F] (or token ids [B,T] under an Embedding), y (the targets: one-hot rows or class ids, values, or
 * stroke-5 steps), u0, u1, ... (for each dropout in the order of the layers,
 * the uniform draws of tfjs's dropout: tf.randomUniform of the output's
 * shape, made before the call so that they are the draws tfjs would make), then per variable i (each recurrent layer's kernel,
 * recurrent kernel and bias, then each Dense layer's kernel and bias, the
 * head last): value{i}, m{i}, s{i} (Adam's slots).
 * Outputs: [loss, accuracy, norm before, norm after, applied (1 or 0)], then,
 * when applied, the new value, m and s of each variable in turn. A loss or
 * norm that is not finite, or a loss past `maxLoss`, leaves every variable
 * as it was (applied 0, no more outputs).
 */
export const STACK_STEP_KERNEL = 'SeqwireStackStep';

/** The recurrent cells of a stack step, by code (the kernel's table must match). */
export const STACK_CELLS = ['LSTM', 'GRU', 'SimpleRNN'] as const;

export interface StackStepAttrs extends FusedAdamAttrs {
  /** Per recurrent layer, bottom up: its cell's index in STACK_CELLS, units (per direction), and flags (goBackwards | activation << 4 | recurrent activation << 8). */
  cells: number[];
  units: number[];
  flags: number[];
  /** Per recurrent layer: two directions side by side (a Bidirectional with merge mode concat; its variables forward first), and the backward direction's flags. */
  bidirectional: boolean[];
  backFlags: number[];
  /** The Dense layers read every step's output (the last recurrent layer returns sequences), or only the last state. */
  perStep: boolean;
  /** The activation codes of the Dense layers between the stack and the head (FUSED_ACTIVATIONS). */
  hidden: number[];
  /** The input is token ids read through an Embedding (its table the first variable); with maskZero, id 0 masks its step in every recurrent layer. */
  embed: boolean;
  maskZero: boolean;
  /** The keep probability (float32 1 - rate) of the dropout after the Embedding, after each recurrent layer, and after each hidden Dense layer; 1: none. */
  embedKeep: number;
  recurrentKeep: number[];
  denseKeep: number[];
  head: 'softmax' | 'linear' | 'mdn';
  /** The mdn head's mixtures (0 for the others). */
  mixtures: number;
  /** Softmax targets are class ids rather than one-hot rows. */
  sparse: boolean;
  /** 0: no clipping. */
  clipNorm: number;
  maxLoss: number;
}
