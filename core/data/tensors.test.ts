import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { batchToTensors } from './tensors';

describe('batchToTensors', () => {
  it('keeps each field shape, dtype and values', () => {
    const t = batchToTensors({
      x: { dtype: 'float32', shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) },
      y: { dtype: 'int32', shape: [2], data: Int32Array.from([5, 6]) },
    });
    expect(t.x.shape).toEqual([2, 2]);
    expect(t.y.dtype).toBe('int32');
    expect(Array.from(t.y.dataSync())).toEqual([5, 6]);
    tf.dispose(Object.values(t));
  });
});
