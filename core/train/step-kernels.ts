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
 * A whole training step in one call (whole-step.ts decides which models it
 * takes and writes their program): every layer forward, the heads' losses,
 * every gradient back, the norms, the clip and Adam, all in the kernels' memory.
 *
 * Inputs: x0, x1, ... (the model's inputs: sequences of vectors, token ids,
 * vectors or images, as floats), y0, y1, ... (each head's targets: one-hot
 * rows or class ids, values, or stroke-5 steps), u0, u1, ... (for each
 * dropout in the program's order, the uniform draws of tfjs's dropout:
 * tf.randomUniform of its input's shape, made before the call so that they
 * are the draws tfjs would make), then per variable i value{i}, m{i}, s{i}
 * (Adam's slots; none under SGD). Attributes: the program (JSON of a
 * StepProgram), the optimizer and its settings, clipNorm (0: none) and maxLoss.
 * Outputs: [loss of each head, accuracy of each head (NaN but for softmax),
 * norm before, norm after, applied (1 or 0)], then, when applied, the new
 * value, m and s of each variable in turn (only the value under SGD). A loss or norm that is not
 * finite, or a total loss past `maxLoss`, leaves every variable as it was
 * (applied 0, no more outputs).
 */
export const WHOLE_STEP_KERNEL = 'SeqwireWholeStep';

/** The recurrent cells of a program, by code (the kernel's table must match). */
export const STEP_CELLS = ['LSTM', 'GRU', 'SimpleRNN'] as const;

/**
 * A tensor of a program, per sample: `width` values at each step of input
 * `time`'s sequence, or `width` values once (time -1).
 */
export interface ProgramTensor {
  time: number;
  width: number;
}

/**
 * The program's operations in the order they run forward (tensors and
 * variables by index; the backward runs them in reverse):
 * - input: model input `input` as tensor `out`;
 * - embed: token ids into rows of the table variable (with maskZero, id 0 masks its step in the recurrent layers after it);
 * - dense: `in`·kernel + bias per row, then the activation (a FUSED_ACTIVATIONS code; -1: none, a head's pre-activation);
 * - dropout: tfjs's dropout with keep probability `keep` (float32 1 - rate) and draws `draw`;
 * - flatten: the same values, one row per sample;
 * - zeros: zeros shaped as `in` (an LSTM given only one of h0, c0);
 * - rnn: a recurrent layer, one direction or two (a Bidirectional, merge
 *   mode concat), from the initial states `initial` (none: zero), its
 *   outputs `out` = [output (every step, or the last), h, c] (-1: not used).
 */
export type ProgramOp =
  | { op: 'input'; out: number; input: number }
  | { op: 'embed'; in: number; out: number; table: number; maskZero: boolean }
  | { op: 'dense'; in: number; out: number; kernel: number; bias: number; activation: number }
  | { op: 'dropout'; in: number; out: number; keep: number; draw: number }
  | { op: 'flatten'; in: number; out: number }
  | { op: 'zeros'; in: number; out: number }
  | {
      op: 'rnn';
      cell: number;
      units: number;
      in: number;
      initial: number[];
      dirs: { flags: number; kernel: number; recurrent: number; bias: number }[];
      sequences: boolean;
      out: number[];
    };

/** A head's loss: of tensor `of` (its pre-activation), against targets y{target}. */
export interface ProgramLoss {
  of: number;
  head: 'softmax' | 'sigmoid' | 'linear' | 'mdn';
  /** Softmax targets are class ids rather than one-hot rows. */
  sparse: boolean;
  mixtures: number;
  target: number;
}

export interface StepProgram {
  tensors: ProgramTensor[];
  ops: ProgramOp[];
  losses: ProgramLoss[];
  /** The variables (by index) in clipping groups, each clipped by its own norm; one group: the global norm. */
  groups: number[][];
}

export interface WholeStepAttrs extends FusedAdamAttrs {
  program: string;
  /** Adam (FusedAdamAttrs) or plain gradient descent (only `neglr`). */
  optimizer: 'adam' | 'sgd';
  clipNorm: number;
  maxLoss: number;
}
