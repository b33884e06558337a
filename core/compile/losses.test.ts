import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { binaryCrossEntropy, categoricalCrossEntropy, lossForHead, meanSquaredError } from './losses';

const value = (t: tf.Scalar) => t.dataSync()[0];

describe('losses', () => {
  const probs = tf.tensor3d([[[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]]); // [1 batch, 2 steps, 3 classes]

  it('categorical cross-entropy is the mean of -log p(true class) over batch and steps', () => {
    const oneHot = tf.tensor3d([[[1, 0, 0], [0, 0, 1]]]);
    expect(value(categoricalCrossEntropy(oneHot, probs))).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 5);
  });

  it('is sparse when the targets have one rank less, taking float32 ids as datasets deliver them', () => {
    const ids = tf.tensor2d([[0, 2]], [1, 2], 'float32');
    expect(value(categoricalCrossEntropy(ids, probs))).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 5);
    const intIds = tf.tensor2d([[1, 2]], [1, 2], 'int32');
    expect(value(categoricalCrossEntropy(intIds, probs))).toBeCloseTo(-(Math.log(0.2) + Math.log(0.8)) / 2, 5);
  });

  it('stays finite when the model gives a true class probability 0', () => {
    const loss = value(categoricalCrossEntropy(tf.tensor1d([1], 'float32'), tf.tensor2d([[1, 0]])));
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeGreaterThan(10);
  });

  it('binary cross-entropy and mean squared error match their formulas', () => {
    const y = tf.tensor2d([[1, 0]]);
    const p = tf.tensor2d([[0.9, 0.3]]);
    expect(value(binaryCrossEntropy(y, p))).toBeCloseTo(-(Math.log(0.9) + Math.log(0.7)) / 2, 5);
    expect(value(meanSquaredError(y, p))).toBeCloseTo((0.01 + 0.09) / 2, 6);
  });

  it('picks the loss of each head', () => {
    const y = tf.tensor2d([[1, 0]]);
    const p = tf.tensor2d([[0.9, 0.1]]);
    expect(value(lossForHead('linear', 0)(y, p))).toBeCloseTo(0.01, 6);
    expect(value(lossForHead('sigmoid', 0)(y, p))).toBeCloseTo(-Math.log(0.9), 5);
    expect(value(lossForHead('softmax', 0)(y, p))).toBeCloseTo(-Math.log(0.9), 5);
  });
});
