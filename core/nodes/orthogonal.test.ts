import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { fastOrthogonal, orthogonalMatrix } from './orthogonal';

const FastOrthogonal = fastOrthogonal();

/** The largest entry of |M Mᵀ - I| for a row-major rows × cols matrix, taking the shorter side. */
function orthogonalityError(values: Float32Array, rows: number, cols: number): number {
  const m = tf.tensor2d(values, [rows, cols]);
  const gram = rows <= cols ? tf.matMul(m, m, false, true) : tf.matMul(m, m, true, false);
  const err = tf.max(tf.abs(tf.sub(gram, tf.eye(Math.min(rows, cols))))).dataSync()[0];
  tf.dispose([m, gram]);
  return err;
}

describe('the fast orthogonal initializer', () => {
  it.each([
    [4, 16],
    [16, 4],
    [32, 128],
    [7, 7],
  ])('gives a %i × %i matrix with orthonormal rows or columns', (rows, cols) => {
    expect(orthogonalityError(orthogonalMatrix(rows, cols, 1), rows, cols)).toBeLessThan(1e-5);
  });

  it('gives the same matrix for the same seed and another for another seed', () => {
    expect(orthogonalMatrix(3, 5, 42)).toEqual(orthogonalMatrix(3, 5, 42));
    expect(orthogonalMatrix(3, 5, 42)).not.toEqual(orthogonalMatrix(3, 5, 43));
  });

  it('is what an LSTM gets for its recurrent kernel, and it saves as Keras writes it', () => {
    expect(tf.serialization.SerializationMap.getMap().classNameMap.Orthogonal[0]).toBe(FastOrthogonal);
    const layer = tf.layers.lstm({ units: 8 });
    layer.apply(tf.input({ shape: [null, 3] }));
    const recurrent = layer.getWeights()[1];
    expect(recurrent.shape).toEqual([8, 32]);
    expect(orthogonalityError(recurrent.dataSync() as Float32Array, 8, 32)).toBeLessThan(1e-5);
    const config = layer.getConfig().recurrentInitializer as { className: string; config: { gain: number } };
    expect(config.className).toBe('Orthogonal');
    expect(config.config.gain).toBe(1);
  });

  it('applies its gain', () => {
    const values = new FastOrthogonal({ gain: 2, seed: 3 }).apply([2, 6]).dataSync();
    const row = Array.from(values.slice(0, 6));
    expect(Math.sqrt(row.reduce((s, v) => s + v * v, 0))).toBeCloseTo(2, 4);
  });
});
