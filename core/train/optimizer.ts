import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from './options';

/** A fresh tfjs optimizer of the given kind. */
export function makeOptimizer(spec: TrainOptions['optimizer']): tf.Optimizer {
  switch (spec.type) {
    case 'adam':
      return tf.train.adam(spec.learningRate);
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate);
  }
}
