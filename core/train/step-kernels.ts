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
