import type { Rng } from '../random';
import { drawIndex, softmaxWithTemperature } from './random';

/**
 * One step of a mixture-density head, in natural units: `mixtures` bivariate
 * Gaussians over (dx, dy) with their weights, and the 3-way pen state.
 */
export interface MixtureStep {
  /** Unnormalised log weights of the mixtures. */
  piLogits: ArrayLike<number>;
  mu1: ArrayLike<number>;
  mu2: ArrayLike<number>;
  /** Standard deviations, positive. */
  sigma1: ArrayLike<number>;
  sigma2: ArrayLike<number>;
  /** Correlations, in (-1, 1). */
  rho: ArrayLike<number>;
  /** Logits of pen down, pen up, end of drawing. */
  penLogits: ArrayLike<number>;
}

/** A stroke-5 step: dx, dy, then one-hot pen down, pen up, end. */
export type Stroke5 = [number, number, number, number, number];

/**
 * Draws one stroke-5 step as sketch-rnn does: the temperature sharpens or
 * flattens the mixture weights and the pen logits (softmax of logits / T),
 * and scales the Gaussians' variance by T (each sigma by sqrt(T)). A
 * temperature of 0 is greedy: the likeliest mixture's mean and pen state.
 */
export function sampleMixtureStep(step: MixtureStep, temperature: number, rng: Rng): Stroke5 {
  const t = Math.max(0, temperature);
  const k = drawIndex(softmaxWithTemperature(step.piLogits, t), rng);
  const pen = drawIndex(softmaxWithTemperature(step.penLogits, t), rng);
  let dx = step.mu1[k];
  let dy = step.mu2[k];
  if (t > 0) {
    const scale = Math.sqrt(t);
    const s1 = step.sigma1[k] * scale;
    const s2 = step.sigma2[k] * scale;
    const rho = step.rho[k];
    // Correlated pair from two independent normals (Cholesky of the 2x2 covariance).
    const z1 = rng.normal();
    const z2 = rng.normal();
    dx += s1 * z1;
    dy += s2 * (rho * z1 + Math.sqrt(Math.max(0, 1 - rho * rho)) * z2);
  }
  const out: Stroke5 = [dx, dy, 0, 0, 0];
  out[2 + pen] = 1;
  return out;
}

/** The stroke-5 step a drawing starts from when there is no primer (sketch-rnn's S0). */
export const START_STROKE: Stroke5 = [0, 0, 1, 0, 0];
