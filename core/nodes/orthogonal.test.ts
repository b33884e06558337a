import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { FastOrthogonal } from './orthogonal';

describe('the fast orthogonal initializer', () => {
  it('gives a matrix with orthonormal columns or rows, scaled by the gain', () => {
    for (const shape of [[8, 32], [32, 8], [5, 5]]) {
      const w = new FastOrthogonal({ gain: 2 }).apply(shape);
      const small = shape[0] <= shape[1] ? w.matMul(w.transpose()) : w.transpose().matMul(w);
      const eye = tf.eye(Math.min(shape[0], shape[1])).mul(4);
      expect(small.sub(eye).abs().max().dataSync()[0]).toBeLessThan(1e-4);
    }
  });

  it('is what an LSTM gets when it asks for "orthogonal", and serialises as tfjs does', () => {
    const layer = tf.layers.lstm({ units: 128, inputShape: [null, 8] });
    const start = Date.now();
    tf.sequential({ layers: [layer] });
    expect(Date.now() - start).toBeLessThan(10_000); // tfjs's own takes ~16 s here
    const config = layer.getConfig().recurrentInitializer as { className: string };
    expect(config.className).toBe('Orthogonal');
  });

  it('is deterministic for a seed', () => {
    const a = new FastOrthogonal({ seed: 3 }).apply([6, 24]).dataSync();
    const b = new FastOrthogonal({ seed: 3 }).apply([6, 24]).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
