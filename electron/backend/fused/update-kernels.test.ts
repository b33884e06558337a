import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { globalNorm } from '../../../core/train/clip';
import { FusedAdam } from '../../../core/train/fused-adam';
import { FUSED_ADAM_KERNEL, GLOBAL_NORM_KERNEL } from '../../../core/train/step-kernels';
import { createRng } from '../../../core/random';
import { selectBackend } from '../select';
import { registerFusedKernels } from './kernels';

/**
 * The fused Adam update gives tfjs's Adam bit for bit, slots included, and the
 * one-call global norm tfjs's norm within float rounding, on the wasm and the cpu backend.
 */

function run(optimizer: tf.Optimizer, steps: number): { weights: Float32Array[]; slots: ReturnType<tf.Optimizer['getWeights']> } {
  const rng = createRng(11);
  // Sizes with and without a tail past the last group of four.
  const vars = [[7, 9], [33], [4, 4]].map((shape, i) => tf.variable(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()), shape), true, `w${i}`));
  for (let t = 0; t < steps; t++) {
    const grads = vars.map((v) => tf.tensor(Float32Array.from({ length: v.size }, () => rng.normal() * (t + 1)), v.shape));
    optimizer.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, grads[i]])));
    tf.dispose(grads);
  }
  const weights = vars.map((v) => v.dataSync() as Float32Array);
  tf.dispose(vars);
  return { weights, slots: optimizer.getWeights() };
}

describe.each(['wasm', 'cpu'] as const)('on %s', (backend) => {
  it('the fused Adam update gives the same weights and slots, bit for bit, as tfjs Adam', async () => {
    await selectBackend(backend);
    registerFusedKernels();
    expect(tf.getKernel(FUSED_ADAM_KERNEL, backend)).toBeDefined();
    const theirs = run(tf.train.adam(0.01), 6);
    const ours = run(new FusedAdam(0.01), 6);
    expect(ours.weights.map((w) => Array.from(w))).toEqual(theirs.weights.map((w) => Array.from(w)));
    const [a, b] = await Promise.all([theirs.slots, ours.slots]);
    expect(b.map((s) => s.name)).toEqual(a.map((s) => s.name));
    expect(b.map((s) => Array.from(s.tensor.dataSync()))).toEqual(a.map((s) => Array.from(s.tensor.dataSync())));
    // And the weights moved: the comparison is not between two untouched copies.
    const start = run(new FusedAdam(0.01), 0).weights;
    expect(Array.from(ours.weights[0])).not.toEqual(Array.from(start[0]));
  });

  it('the global norm in one call equals the norm from tfjs ops, over gradients of sizes with and without a tail', async () => {
    await selectBackend(backend);
    registerFusedKernels();
    expect(tf.getKernel(GLOBAL_NORM_KERNEL, backend)).toBeDefined();
    const rng = createRng(4);
    const grads = [5000, 7, 1, 33].map((n) => tf.tensor(Float32Array.from({ length: n }, () => rng.normal() * 3)));
    const ours = globalNorm(grads);
    const theirs = tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))));
    expect(ours.shape).toEqual([]);
    const [a, b] = [ours.dataSync()[0], theirs.dataSync()[0]];
    // Summed in double: within float rounding of the exact norm; tfjs's float sums are a little further off.
    const exact = Math.sqrt(grads.reduce((t, g) => t + Array.from(g.dataSync()).reduce((u, v) => u + v * v, 0), 0));
    expect(Math.abs(a - exact) / exact).toBeLessThan(2e-7);
    expect(Math.abs(a - b) / b).toBeLessThan(1e-5);
    expect(a).toBeGreaterThan(100);
    tf.dispose([...grads, ours, theirs]);
  });
});
