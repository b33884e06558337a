import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { mdnLoss, splitMdn } from './mdn';

/** Raw output for one mixture: pi logit, mu_x, mu_y, log sigma_x, log sigma_y, rho pre-tanh, 3 pen logits. */
const raw1 = (muX: number, muY: number, logSx: number, logSy: number, rhoRaw: number, pen: [number, number, number]) => [0, muX, muY, logSx, logSy, rhoRaw, ...pen];

/** log of the bivariate normal density, written out directly. */
function logDensity(x: number, y: number, muX: number, muY: number, sx: number, sy: number, rho: number): number {
  const zx = (x - muX) / sx;
  const zy = (y - muY) / sy;
  const z = zx * zx + zy * zy - 2 * rho * zx * zy;
  return -z / (2 * (1 - rho * rho)) - Math.log(2 * Math.PI * sx * sy * Math.sqrt(1 - rho * rho));
}

const logSoftmax = (v: number[], i: number) => v[i] - Math.log(v.reduce((s, x) => s + Math.exp(x), 0));

describe('the sketch-rnn mixture density head', () => {
  it('splits 6M+3 raw values into mixture blocks, with sigma = exp and rho = tanh', () => {
    const raw = tf.tensor2d([[1, 2, 3, 4, 5, 6, 0, Math.log(2), 0, 0, 0.5, 0, 7, 8, 9]]); // M = 2
    const p = splitMdn(raw, 2);
    expect(Array.from(p.piLogits.dataSync())).toEqual([1, 2]);
    expect(Array.from(p.muX.dataSync())).toEqual([3, 4]);
    expect(Array.from(p.muY.dataSync())).toEqual([5, 6]);
    expect(p.sigmaX.dataSync()[1]).toBeCloseTo(2, 5);
    expect(p.rho.dataSync()[0]).toBeCloseTo(Math.tanh(0.5), 6);
    expect(Array.from(p.penLogits.dataSync())).toEqual([7, 8, 9]);
    expect(() => splitMdn(raw, 3)).toThrow(/expected 6 × 3 \+ 3/);
  });

  it('gives the negative log-likelihood of the offsets plus the pen cross-entropy', () => {
    const pen: [number, number, number] = [0.5, -1, 0.2];
    const yPred = tf.tensor3d([[raw1(0.1, -0.2, Math.log(0.5), Math.log(2), 0.3, pen)]]);
    const yTrue = tf.tensor3d([[[0.4, 0.3, 0, 1, 0]]]); // pen up
    const expected = -logDensity(0.4, 0.3, 0.1, -0.2, 0.5, 2, Math.tanh(0.3)) - logSoftmax(pen, 1);
    expect(mdnLoss(yTrue, yPred, 1).dataSync()[0]).toBeCloseTo(expected, 4);
  });

  it('masks the offsets of steps after the drawing ended, but keeps their pen loss', () => {
    const pen: [number, number, number] = [0, 0, 0];
    const step = raw1(0, 0, 0, 0, 0, pen);
    const yPred = tf.tensor3d([[step, step]]);
    const drawing = [0.5, 0.5, 1, 0, 0];
    const ended = [9, 9, 0, 0, 1]; // far-off offsets that would dominate if counted
    const loss = mdnLoss(tf.tensor3d([[drawing, ended]]), yPred, 1).dataSync()[0];
    const offsets = -logDensity(0.5, 0.5, 0, 0, 1, 1, 0) / 2;
    expect(loss).toBeCloseTo(offsets + Math.log(3), 4);
  });

  it('has finite gradients even at rho near ±1', () => {
    const yTrue = tf.tensor2d([[0.1, 0.1, 1, 0, 0]]);
    const grad = tf.grad((x: tf.Tensor) => mdnLoss(yTrue, x, 1))(tf.tensor2d([raw1(0, 0, -3, -3, 20, [0, 0, 0])]));
    expect(Array.from(grad.dataSync()).every(Number.isFinite)).toBe(true);
  });
});
