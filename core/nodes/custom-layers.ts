import * as tf from '@tensorflow/tfjs';
import { useFusedDenseCall } from './fused-dense';
import { useFusedRecurrentCall } from './fused-rnn-call';
import { glimpseReader } from './glimpse-layer';
import { forgetBiasInitializer } from './initializers';
import { fastOrthogonal } from './orthogonal';
import { defineResetAfterGRU } from './reset-after-gru';
import { applyTfjsFixes } from './tfjs-fixes';

/**
 * The layers Seqwire needs that tfjs-layers lacks. Each is registered under a
 * stable class name (prefixed `Seqwire`), so a saved model reloads once
 * `customLayers()` has run (compiling and loading models call it); renaming
 * a class breaks saved models.
 *
 * The classes extend tfjs's, so defining them needs tfjs loaded: they are
 * defined on first use rather than when this module loads, so that the node
 * modules that import it load without tfjs running (validating a graph, as
 * the command line's `validate` does, never waits for tfjs).
 */

type Shape = (number | null)[];
interface LayerConfig {
  name?: string;
  trainable?: boolean;
}

const asList = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(inputs) ? inputs : [inputs]);

type LayerClass = new (config?: LayerConfig & { axis?: number }) => tf.layers.Layer;

/**
 * The step mask of a join: a step is kept when every masked input keeps it
 * (an unmasked input keeps every step), as in Keras. Built from the masks
 * alone, never from the inputs, so that nothing on the gradient path goes
 * through mask ops that have no gradient.
 */
function joinMasks(mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
  const present = (mask === undefined ? [] : asList(mask)).filter((m): m is tf.Tensor => m != null);
  if (present.length === 0) return null as unknown as tf.Tensor;
  return tf.tidy(() => present.reduce((a, b) => tf.logicalAnd(a, b)));
}

function defineLayers() {
  // Every model built from these nodes needs tfjs's shared-kwargs bug fixed, the fast orthogonal
  // initializer, and its recurrent and large Dense layers routed through the fused ops where the backend has them.
  applyTfjsFixes();
  fastOrthogonal();
  useFusedRecurrentCall();
  useFusedDenseCall();

  /**
   * Zeros shaped like its input. It fills the missing one of an LSTM's two
   * initial states when the graph connects only `h0` or only `c0` (both are
   * [batch, units]); it has no weights.
   */
  class ZerosLike extends tf.layers.Layer {
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
   * Padding masks are not applied: the tfjs executor hands a layer only the
   * mask of its first input (the query), never that of the values.
   */
  class DotAttention extends tf.layers.Layer {
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

  // tfjs exports only factories; these are tfjs's own Add and Concatenate classes.
  const TfAdd = tf.layers.add({}).constructor as LayerClass;
  const TfConcatenate = tf.layers.concatenate({}).constructor as LayerClass;

  /**
   * tfjs's `Add` with a working mask: tfjs's Merge.computeMask fails when only
   * some inputs carry a mask (an Embedding with maskZero added to a float
   * sequence) and skips the last mask. Registered under tfjs's own class name,
   * so saved models stay Keras-readable and reload with the fix.
   */
  class MaskSafeAdd extends TfAdd {
    static readonly className = 'Add';

    override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
      return joinMasks(mask);
    }
  }

  /**
   * tfjs's `Concatenate` with a mask that training can differentiate past:
   * tfjs fills a missing mask with `onesLike(input)`, which puts an `All` op
   * (no gradient) on the path from the weights ("gradient function not found
   * for All"). Registered under tfjs's own class name, as above.
   */
  class MaskSafeConcatenate extends TfConcatenate {
    static readonly className = 'Concatenate';

    override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
      return joinMasks(mask);
    }
  }

  tf.serialization.registerClass(ZerosLike);
  tf.serialization.registerClass(DotAttention);
  // Saved models may name these too: the forget-bias initializer and the glimpse reader.
  forgetBiasInitializer();
  glimpseReader();
  for (const cls of [MaskSafeAdd, MaskSafeConcatenate]) {
    tf.serialization.registerClass(cls as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
  }
  // Keras's reset_after=True GRU, which tfjs refuses (reset-after-gru.ts).
  const { ResetAfterGRU } = defineResetAfterGRU();
  return { ZerosLike, DotAttention, MaskSafeAdd, MaskSafeConcatenate, ResetAfterGRU };
}

let defined: ReturnType<typeof defineLayers> | undefined;

/**
 * Seqwire's layer classes, defined and registered with tfjs's serialization
 * on the first call, which also applies tfjs-fixes.ts, the fast orthogonal
 * initializer and the fused recurrent call (fused-rnn-call.ts): call it
 * before building or loading a model.
 */
export function customLayers(): ReturnType<typeof defineLayers> {
  defined ??= defineLayers();
  return defined;
}
