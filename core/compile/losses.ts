import * as tf from '@tensorflow/tfjs';
import type { Head } from './types';
import { mdnLoss } from './mdn';

/** Keeps log() of a probability finite, as Keras does with its epsilon. */
const EPSILON = 1e-7;

/**
 * Categorical cross-entropy of softmax probabilities, averaged over batch and
 * steps. Sparse when `yTrue` has one rank less than `yPred`: it then holds
 * class ids, which datasets deliver as float32 (tfjs batches are floats), so
 * they are cast to int32 before the one-hot.
 */
export function categoricalCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = yPred.shape.at(-1) ?? 0;
    const target = yTrue.rank === yPred.rank - 1 ? tf.oneHot(tf.cast(yTrue, 'int32'), classes).toFloat() : yTrue;
    const logP = tf.log(tf.clipByValue(yPred, EPSILON, 1));
    return tf.mean(tf.neg(tf.sum(tf.mul(target, logP), -1))) as tf.Scalar;
  });
}

/** Binary cross-entropy of sigmoid probabilities, averaged over every value. */
export function binaryCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(yPred, EPSILON, 1 - EPSILON);
    const y = tf.cast(yTrue, 'float32');
    const terms = tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(terms)) as tf.Scalar;
  });
}

export function meanSquaredError(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(tf.cast(yTrue, 'float32'), yPred)) as tf.Scalar);
}

export type HeadLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Which head each loss given by lossForHead is the loss of (so the whole training step can tell a head's own loss from any other). */
const headOf = new WeakMap<HeadLoss, { head: Head; mixtures: number }>([
  [categoricalCrossEntropy, { head: 'softmax', mixtures: 0 }],
  [binaryCrossEntropy, { head: 'sigmoid', mixtures: 0 }],
  [meanSquaredError, { head: 'linear', mixtures: 0 }],
]);

/** The loss of an Output head (see graph-format.md, Outputs). */
export function lossForHead(head: Head, mixtures: number): HeadLoss {
  switch (head) {
    case 'softmax':
      return categoricalCrossEntropy;
    case 'sigmoid':
      return binaryCrossEntropy;
    case 'linear':
      return meanSquaredError;
    case 'mdn': {
      const loss: HeadLoss = (yTrue, yPred) => mdnLoss(yTrue, yPred, mixtures);
      headOf.set(loss, { head, mixtures });
      return loss;
    }
  }
}

/** The head (and mixtures) whose own loss `loss` is, or undefined for any other function. */
export function headOfLoss(loss: HeadLoss): { head: Head; mixtures: number } | undefined {
  return headOf.get(loss);
}
