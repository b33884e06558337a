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
 * The distribution one stroke-5 step is drawn from, after the temperature:
 * what generation samples from and what a replay shows. Offsets (dx, dy) are
 * relative to the pen, in the units of the model's strokes.
 */
export interface MixtureDistribution {
  /** Mixture weights, summing to 1 (softmax of the logits / T; one-hot when greedy). */
  weights: number[];
  mu1: number[];
  mu2: number[];
  /** Standard deviations after the temperature (sigma * sqrt(T); 0 when greedy). */
  sigma1: number[];
  sigma2: number[];
  rho: number[];
  /** Probabilities of pen down, pen up, end (softmax of the logits / T). */
  pen: [number, number, number];
  /** Greedy (T = 0): the likeliest mixture's mean and pen state, nothing random. */
  greedy: boolean;
}

/**
 * Applies the temperature as sketch-rnn does: it sharpens or flattens the
 * mixture weights and the pen logits (softmax of logits / T), and scales the
 * Gaussians' variance by T (each sigma by sqrt(T)). `noEnd` gives the pen
 * state given that the drawing goes on (the end's weight set to 0).
 */
export function mixtureDistribution(step: MixtureStep, temperature: number, noEnd = false): MixtureDistribution {
  const t = Math.max(0, temperature);
  const scale = Math.sqrt(t);
  const penLogits = noEnd ? [step.penLogits[0], step.penLogits[1], Number.NEGATIVE_INFINITY] : step.penLogits;
  const [down, up, end] = softmaxWithTemperature(penLogits, t);
  return {
    weights: softmaxWithTemperature(step.piLogits, t),
    mu1: Array.from(step.mu1),
    mu2: Array.from(step.mu2),
    sigma1: Array.from(step.sigma1, (s) => s * scale),
    sigma2: Array.from(step.sigma2, (s) => s * scale),
    rho: Array.from(step.rho),
    pen: [down, up, end],
    greedy: t === 0,
  };
}

/** Draws one stroke-5 step from a distribution: a mixture by its weight, a pen state, then a point from that mixture's Gaussian. */
export function drawStroke(dist: MixtureDistribution, rng: Rng): Stroke5 {
  const k = drawIndex(dist.weights, rng);
  const pen = drawIndex(dist.pen, rng);
  let dx = dist.mu1[k];
  let dy = dist.mu2[k];
  if (!dist.greedy) {
    const s1 = dist.sigma1[k];
    const s2 = dist.sigma2[k];
    const rho = dist.rho[k];
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

/** Draws one stroke-5 step as sketch-rnn does (see `mixtureDistribution` for the temperature). */
export function sampleMixtureStep(step: MixtureStep, temperature: number, rng: Rng, noEnd = false): Stroke5 {
  return drawStroke(mixtureDistribution(step, temperature, noEnd), rng);
}

/** The stroke-5 step a drawing starts from when there is no primer (sketch-rnn's S0). */
export const START_STROKE: Stroke5 = [0, 0, 1, 0, 0];
