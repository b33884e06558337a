import type { Rng } from '../random';
import type { CompiledInput, CompiledOutput } from '../compile/types';
import { drawStroke, mixtureDistribution, sampleMixtureStep, type MixtureDistribution, type MixtureStep } from './mdn-sample';
import { sampleBits, sampleToken } from './token-sample';

/**
 * One sample drawn from an Output for one step: a stroke-5 step (mdn), a
 * class id as `[id]` (softmax), bits (sigmoid) or values (linear).
 */
export type HeadSample = number[];

/**
 * Reads one step of raw mdn output (6M+3 values) in the layout of
 * `core/compile/mdn.ts`: blocks of M for pi logits, mu_x, mu_y, log sigma_x,
 * log sigma_y, rho before tanh, then the 3 pen logits.
 */
export function mixtureFromRaw(raw: ArrayLike<number>, mixtures: number): MixtureStep {
  const m = mixtures;
  const block = (k: number) => Array.prototype.slice.call(raw, k * m, (k + 1) * m) as number[];
  return {
    piLogits: block(0),
    mu1: block(1),
    mu2: block(2),
    sigma1: block(3).map(Math.exp),
    sigma2: block(4).map(Math.exp),
    rho: block(5).map(Math.tanh),
    penLogits: Array.prototype.slice.call(raw, 6 * m, 6 * m + 3) as number[],
  };
}

/** Draws one step's sample from an Output's raw values for that step (length `output.units`). */
export function sampleHead(output: CompiledOutput, raw: ArrayLike<number>, temperature: number, rng: Rng, noEnd = false): HeadSample {
  switch (output.head) {
    case 'mdn':
      return sampleMixtureStep(mixtureFromRaw(raw, output.mixtures), temperature, rng, noEnd);
    case 'softmax':
      return [sampleToken(raw, temperature, rng)];
    case 'sigmoid':
      return sampleBits(raw, temperature, rng);
    case 'linear':
      // A regression head predicts the value itself: there is nothing to draw.
      return Array.from(raw);
  }
}

/** The distribution a mixture step was drawn from, as generation records it for a replay. */
export interface MixtureTrace extends MixtureDistribution {
  /**
   * Set when the end was drawn before the drawing's minimum steps: the end's
   * probability then, struck out before the pen state was drawn again from
   * `pen` (whose end is 0).
   */
  earlyEnd?: number;
}

/**
 * Draws one mdn step and says from what: the same draws, in the same order,
 * as `sampleHead`, so a traced generation gives the same drawings as one
 * without. `noEnd` as in `sampleHead`.
 */
export function sampleMixtureTraced(output: CompiledOutput, raw: ArrayLike<number>, temperature: number, rng: Rng, noEnd = false): { sample: HeadSample; trace: MixtureTrace } {
  const dist = mixtureDistribution(mixtureFromRaw(raw, output.mixtures), temperature, noEnd);
  return { sample: drawStroke(dist, rng), trace: dist };
}

/**
 * What a sample becomes at the input it feeds back into: a token id for a
 * TokenInput; for a float input, one-hot of a class, or the values themselves.
 */
export function feedValue(input: CompiledInput, output: CompiledOutput, sample: HeadSample): number | number[] {
  if (input.nodeType === 'TokenInput') return sample[0];
  if (output.head === 'softmax') {
    const oneHot = new Array<number>(output.units).fill(0);
    oneHot[sample[0]] = 1;
    return oneHot;
  }
  return sample;
}

/** Whether any raw value is NaN or infinite: the model has diverged and sampling would loop on garbage. */
export function hasNonFinite(raw: ArrayLike<number>): boolean {
  for (let i = 0; i < raw.length; i++) if (!Number.isFinite(raw[i])) return true;
  return false;
}
