import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdnLoss } from '../../../core/compile/mdn';
import { fusedMdnLoss, MDN_LOSS_KERNEL } from '../../../core/compile/mdn-fused';
import { setFusedRecurrent } from '../../../core/nodes/fused-rnn';
import { createRng } from '../../../core/random';
import { selectBackend } from '../select';
import { registerMdnLossKernel } from './mdn-kernel';

/**
 * The mixture density loss as one kernel gives the loss and the gradients
 * (with respect to the raw output and the target) that tfjs's ops give.
 */

/** A batch of raw outputs (spread `scale`: large ones push rho against its clamp) and stroke-5 targets, some ended. */
function batch(B: number, T: number, M: number, scale: number, seed: number): { yTrue: tf.Tensor; yPred: tf.Tensor } {
  const rng = createRng(seed);
  const pred = Float32Array.from({ length: B * T * (6 * M + 3) }, () => rng.normal() * scale);
  const target = new Float32Array(B * T * 5);
  for (let r = 0; r < B * T; r++) {
    target[r * 5] = rng.normal();
    target[r * 5 + 1] = rng.normal();
    target[r * 5 + 2 + rng.int(3)] = 1;
  }
  return { yTrue: tf.tensor3d(target, [B, T, 5]), yPred: tf.tensor3d(pred, [B, T, 6 * M + 3]) };
}

interface Result {
  loss: number;
  grads: Float32Array[];
}

function lossAndGrads(yTrue: tf.Tensor, yPred: tf.Tensor, M: number, fused: boolean): Result {
  setFusedRecurrent(fused);
  try {
    const { value, grads } = tf.valueAndGrads((yt: tf.Tensor, yp: tf.Tensor) => mdnLoss(yt, yp, M))([yTrue, yPred]);
    const result = { loss: value.dataSync()[0], grads: grads.map((g) => g.dataSync() as Float32Array) };
    tf.dispose([value, ...grads]);
    return result;
  } finally {
    setFusedRecurrent(true);
  }
}

/** max |a - b| over max |a|: the gap relative to the gradient's largest entry. */
function relativeGap(a: Float32Array, b: Float32Array): number {
  let largest = 0;
  let gap = 0;
  for (let i = 0; i < a.length; i++) {
    largest = Math.max(largest, Math.abs(a[i]));
    gap = Math.max(gap, Math.abs(a[i] - b[i]));
  }
  expect(largest).toBeGreaterThan(0);
  return gap / largest;
}

describe.each(['wasm', 'cpu'] as const)('the fused mdn loss on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it.each([
    ['one mixture', 1, 1],
    ['three mixtures (not whole vectors)', 3, 1],
    ['twenty mixtures, as the stroke template', 20, 1],
    ['values that push rho against its clamp', 6, 6],
  ])('%s: loss and gradients as tfjs computes them', (_name, M, scale) => {
    const { yTrue, yPred } = batch(3, 7, M, scale, M + scale);
    try {
      const plain = lossAndGrads(yTrue, yPred, M, false);
      const fused = lossAndGrads(yTrue, yPred, M, true);
      expect(Number.isFinite(plain.loss)).toBe(true);
      expect(Math.abs(fused.loss - plain.loss) / Math.max(1, Math.abs(plain.loss))).toBeLessThan(1e-6);
      expect(relativeGap(plain.grads[1], fused.grads[1]), 'd loss / d yPred').toBeLessThan(1e-5);
      expect(relativeGap(plain.grads[0], fused.grads[0]), 'd loss / d yTrue').toBeLessThan(1e-5);
    } finally {
      tf.dispose([yTrue, yPred]);
    }
  });

  it('runs as one kernel call forward', async () => {
    const { yTrue, yPred } = batch(2, 4, 3, 1, 9);
    try {
      const profile = await tf.profile(() => mdnLoss(yTrue, yPred, 3));
      // tf.customGrad's own wrapper shows as a kernel without a name.
      expect(profile.kernels.map((k) => k.name).filter((name) => name)).toEqual([MDN_LOSS_KERNEL]);
    } finally {
      tf.dispose([yTrue, yPred]);
    }
  });
});

describe('without the mdn loss kernel', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(() => registerMdnLossKernel());

  it('the loss is computed with tfjs ops', () => {
    const { yTrue, yPred } = batch(2, 4, 3, 1, 10);
    try {
      const withKernel = lossAndGrads(yTrue, yPred, 3, true);
      tf.unregisterKernel(MDN_LOSS_KERNEL, 'cpu');
      expect(fusedMdnLoss(yTrue, yPred, 3)).toBeNull();
      const without = lossAndGrads(yTrue, yPred, 3, true);
      expect(Math.abs(without.loss - withKernel.loss)).toBeLessThan(1e-5);
      expect(relativeGap(without.grads[1], withKernel.grads[1])).toBeLessThan(1e-5);
    } finally {
      tf.dispose([yTrue, yPred]);
    }
  });
});
