import * as tf from '@tensorflow/tfjs';
import { fusedMdnLoss } from './mdn-fused';

/**
 * The sketch-rnn mixture density head (Ha & Eck, 2017). The raw output of an
 * `mdn` Output has `6 * M + 3` values per step, in blocks of M: pi logits,
 * mu_x, mu_y, log sigma_x, log sigma_y, rho before tanh; then 3 pen logits.
 * Targets are stroke-5 steps: (dx, dy, pen down, pen up, end).
 */

/** The mixture parameters of one or more steps, each of shape [..., M] (pen logits [..., 3]). */
export interface MdnParams {
  piLogits: tf.Tensor;
  muX: tf.Tensor;
  muY: tf.Tensor;
  /** log sigma, kept in log space for a stable likelihood. */
  logSigmaX: tf.Tensor;
  logSigmaY: tf.Tensor;
  sigmaX: tf.Tensor;
  sigmaY: tf.Tensor;
  /** The correlation, in (-1, 1). */
  rho: tf.Tensor;
  penLogits: tf.Tensor;
}

/** Splits raw mdn output [..., 6M+3] into its parts; pure, so the generator samples from the same reading. */
export function splitMdn(raw: tf.Tensor, mixtures: number): MdnParams {
  const width = raw.shape.at(-1);
  if (width !== 6 * mixtures + 3) throw new Error(`mdn output has ${width} values per step, expected 6 × ${mixtures} + 3`);
  const [piLogits, muX, muY, logSigmaX, logSigmaY, rhoRaw, penLogits] = tf.split(raw, [mixtures, mixtures, mixtures, mixtures, mixtures, mixtures, 3], -1);
  return {
    piLogits,
    muX,
    muY,
    logSigmaX,
    logSigmaY,
    sigmaX: tf.exp(logSigmaX),
    sigmaY: tf.exp(logSigmaY),
    rho: tf.tanh(rhoRaw),
    penLogits,
  };
}

const LOG_2PI = Math.log(2 * Math.PI);
/** Keeps 1 - rho² away from 0, where the density (and its gradient) blows up. */
const MIN_ONE_MINUS_RHO2 = 1e-5;

/** log N(x, y | mu, sigma, rho) of the bivariate normal, per mixture: [..., M]. */
export function bivariateLogDensity(x: tf.Tensor, y: tf.Tensor, p: MdnParams): tf.Tensor {
  return tf.tidy(() => {
    const zx = tf.div(tf.sub(x, p.muX), p.sigmaX);
    const zy = tf.div(tf.sub(y, p.muY), p.sigmaY);
    const oneMinusRho2 = tf.maximum(tf.sub(1, tf.square(p.rho)), MIN_ONE_MINUS_RHO2);
    const z = tf.sub(tf.add(tf.square(zx), tf.square(zy)), tf.mul(2, tf.mul(p.rho, tf.mul(zx, zy))));
    const exponent = tf.neg(tf.div(z, tf.mul(2, oneMinusRho2)));
    const logNorm = tf.add(tf.add(LOG_2PI, tf.add(p.logSigmaX, p.logSigmaY)), tf.mul(0.5, tf.log(oneMinusRho2)));
    return tf.sub(exponent, logNorm);
  });
}

/**
 * The sketch-rnn reconstruction loss, averaged over batch and steps: the
 * negative log-likelihood of (dx, dy) under the mixture, counted only up to
 * the end of each drawing (steps whose target is the end state are masked, as
 * sketch-rnn does while training), plus the pen-state cross-entropy at every step.
 */
export function mdnLoss(yTrue: tf.Tensor, yPred: tf.Tensor, mixtures: number): tf.Scalar {
  // One kernel call (loss and gradients) where the backend has it; the same math in tfjs ops otherwise.
  const fused = fusedMdnLoss(yTrue, yPred, mixtures);
  if (fused) return fused;
  return tf.tidy(() => {
    const p = splitMdn(yPred, mixtures);
    const [dx, dy, pen] = tf.split(yTrue, [1, 1, 3], -1);
    const logPi = tf.logSoftmax(p.piLogits, -1);
    const logMix = tf.logSumExp(tf.add(logPi, bivariateLogDensity(dx, dy, p)), -1);
    const [, end] = tf.split(pen, [2, 1], -1);
    const notEnded = tf.sub(1, tf.squeeze(end, [-1]));
    const offsetLoss = tf.mean(tf.mul(tf.neg(logMix), notEnded));
    const penLoss = tf.mean(tf.neg(tf.sum(tf.mul(pen, tf.logSoftmax(p.penLogits, -1)), -1)));
    return tf.add(offsetLoss, penLoss) as tf.Scalar;
  });
}
