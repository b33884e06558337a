import * as tf from '@tensorflow/tfjs';

/**
 * The layers Seqwire needs that tfjs-layers lacks. Each is registered under a
 * stable class name (prefixed `Seqwire`), so a saved model reloads wherever
 * this module has been imported; renaming a class breaks saved models.
 */

type Shape = (number | null)[];
interface LayerConfig {
  name?: string;
  trainable?: boolean;
}

const asList = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(inputs) ? inputs : [inputs]);

/**
 * Zeros shaped like its input. It fills the missing one of an LSTM's two
 * initial states when the graph connects only `h0` or only `c0` (both are
 * [batch, units]); it has no weights.
 */
export class ZerosLike extends tf.layers.Layer {
  static readonly className = 'SeqwireZerosLike';

  constructor(config: LayerConfig = {}) {
    super(config);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.zerosLike(asList(inputs)[0]);
  }

  // No mask leaves this layer: the base class would throw on a masked input
  // (an Embedding with maskZero upstream); tfjs types the result non-null.
  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor;
  }
}

/**
 * Dot-product attention, as Keras `Attention` with its defaults: scores are
 * `query · valuesᵀ`, a softmax over the value steps turns them into weights,
 * and the output is the weighted sum of the values. Inputs are
 * `[query [B, Tq, d], values [B, Tv, d]]`; the output is `[B, Tq, d]`.
 */
export class DotAttention extends tf.layers.Layer {
  static readonly className = 'SeqwireDotAttention';

  constructor(config: LayerConfig = {}) {
    super(config);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [query, values] = inputShape as Shape[];
    return [...query.slice(0, -1), values.at(-1) ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [query, values] = asList(inputs) as tf.Tensor3D[];
      const scores = tf.matMul(query, values, false, true);
      const weights = tf.softmax(scores, -1) as tf.Tensor3D;
      return tf.matMul(weights, values);
    });
  }

  // No mask leaves this layer: the base class would throw on a masked input
  // (an Embedding with maskZero upstream); tfjs types the result non-null.
  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor;
  }
}

tf.serialization.registerClass(ZerosLike);
tf.serialization.registerClass(DotAttention);
