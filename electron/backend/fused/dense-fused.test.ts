import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customLayers } from '../../../core/nodes/custom-layers';
import { DENSE_GRAD_KERNEL, DENSE_KERNEL, fusedDense } from '../../../core/nodes/fused-dense';
import { setFusedRecurrent } from '../../../core/nodes/fused-rnn';
import { createRng } from '../../../core/random';
import { selectBackend } from '../select';
import { registerDenseKernels } from './dense-kernel';

/**
 * Large Dense layers run on rnn.wasm's GEMM, forward and backward, and give
 * what tfjs's own Dense gives.
 */

const random = (shape: number[], seed: number) => {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)), shape);
};

interface Pass {
  y: Float32Array;
  grads: Float32Array[];
  kernels: string[];
}

/** A Dense layer's output and the gradients of a weighted sum of it, with respect to x, kernel and bias. */
async function pass(layer: tf.layers.Layer, x: tf.Tensor, fused: boolean): Promise<Pass> {
  setFusedRecurrent(fused);
  try {
    if (!layer.built) layer.build(x.shape);
    const weights = layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
    const probe = random([...x.shape.slice(0, -1), (layer.getConfig().units as number)], 99);
    let result: Pass | undefined;
    const profile = await tf.profile(() => {
      const y = layer.apply(x) as tf.Tensor;
      const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx) as tf.Tensor, probe));
      const { grads } = tf.variableGrads(() => f(x) as tf.Scalar, weights);
      const dx = tf.grad(f)(x);
      result = { y: y.dataSync() as Float32Array, grads: [dx, ...weights.map((w) => grads[w.name])].map((g) => g.dataSync() as Float32Array), kernels: [] };
      tf.dispose([y, dx, ...Object.values(grads)]);
    });
    probe.dispose();
    return { ...result!, kernels: profile.kernels.map((k) => k.name) };
  } finally {
    setFusedRecurrent(true);
  }
}

const gap = (a: Float32Array, b: Float32Array) => {
  let largest = 0;
  let worst = 0;
  a.forEach((v, i) => {
    largest = Math.max(largest, Math.abs(v));
    worst = Math.max(worst, Math.abs(v - b[i]));
  });
  expect(largest).toBeGreaterThan(0);
  return worst / largest;
};

describe.each(['wasm', 'cpu'] as const)('fused Dense on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
    customLayers();
  });

  it.each([
    ['a linear head over every step (123 outputs: not whole tiles)', [8, 64, 128], 123, 'linear', true],
    ['a softmax layer on vectors, no bias', [512, 96], 40, 'softmax', false],
    ['a tanh layer whose outputs are whole tiles', [300, 70], 64, 'tanh', true],
  ] as const)('%s: the same outputs and gradients as tfjs\'s Dense', async (_name, shape, units, activation, useBias) => {
    // Seeded weights: the same layer on every run (unseeded ones made the gap a matter of luck).
    const layer = tf.layers.dense({ units, activation, useBias, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }), biasInitializer: tf.initializers.randomNormal({ seed: 4 }) });
    const x = random([...shape], 7);
    try {
      const plain = await pass(layer, x, false);
      const fused = await pass(layer, x, true);
      expect(plain.kernels).not.toContain(DENSE_KERNEL);
      expect(fused.kernels).toContain(DENSE_KERNEL);
      expect(fused.kernels).toContain(DENSE_GRAD_KERNEL);
      expect(gap(plain.y, fused.y)).toBeLessThan(1e-6);
      fused.grads.forEach((g, i) => expect(gap(plain.grads[i], g), `gradient ${i}`).toBeLessThan(1e-5));
    } finally {
      x.dispose();
      layer.weights.forEach((w) => w.dispose());
    }
  });

  it('a small Dense keeps tfjs\'s matMul', () => {
    const x = random([32, 64], 1);
    const kernel = random([64, 4], 2);
    expect(fusedDense(x, kernel, null)).toBeNull();
    tf.dispose([x, kernel]);
  });
});

describe('without the Dense kernels', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });
  afterAll(() => registerDenseKernels());

  it('Dense runs as tfjs\'s own', () => {
    tf.unregisterKernel(DENSE_KERNEL, 'cpu');
    tf.unregisterKernel(DENSE_GRAD_KERNEL, 'cpu');
    const x = random([64, 64, 32], 3);
    const kernel = random([32, 128], 4);
    expect(fusedDense(x, kernel, null)).toBeNull();
    tf.dispose([x, kernel]);
  });
});
