import * as tf from '@tensorflow/tfjs';
import { FusedAdam } from './fused-adam';
import type { TrainOptions } from './options';

/** A fresh tfjs optimizer of the given kind (Adam with the fused update where the backend has it: the same bits). */
export function makeOptimizer(spec: TrainOptions['optimizer']): tf.Optimizer {
  switch (spec.type) {
    case 'adam':
      return new FusedAdam(spec.learningRate);
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate);
  }
}
