import * as tf from '@tensorflow/tfjs';

/** The global L2 norm of a set of gradients: sqrt of the sum of all their squares. */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    const squares = grads.map((g) => tf.sum(tf.square(g)));
    return tf.sqrt(tf.addN(squares)) as tf.Scalar;
  });
}

/**
 * Scales all gradients by `clipNorm / max(norm, clipNorm)`, as Keras's
 * `global_clipnorm` does: their directions stay, their joint length is at most
 * `clipNorm`. Returns new tensors; the caller disposes the inputs.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], norm: tf.Scalar, clipNorm: number): tf.Tensor[] {
  return tf.tidy(() => {
    const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
}
