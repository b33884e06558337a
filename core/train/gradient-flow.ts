import * as tf from '@tensorflow/tfjs';
import { sanitize } from '../compile/layer-names';
import type { CompiledModel } from '../compile/types';
import { getLayerClass } from '../nodes/registry';
import type { GradientFlow } from './events';

/** The recurrent layers of a model (cells and bidirectional wrappers, as their node types say), in the model's order. */
export function recurrentLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((l) => getLayerClass(l.getClassName())?.recurrent !== undefined);
}

/** The graph node a layer came from: the longest node id its name starts with (`rnn`, `rnn_2` -> `rnn`). */
export function nodeIdOfLayer(layerName: string, nodeIds: readonly string[]): string {
  let best = '';
  for (const id of nodeIds) {
    const name = sanitize(id);
    const fits = layerName === name || layerName.startsWith(`${name}_`);
    if (fits && id.length > best.length) best = id;
  }
  return best || layerName;
}

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];

/**
 * Gradient flow through time: for each recurrent layer, the norm of the loss
 * gradient with respect to its input at every timestep, on one probe batch.
 *
 * How: the input a recurrent layer receives is an inner tensor of the model,
 * so it cannot be asked for a gradient directly. Each such layer's `call` is
 * wrapped for the duration of one forward pass to receive `x + d` instead of
 * `x`, where `d` is a zero tensor of x's shape given to `tf.grads`. Adding
 * zero changes nothing in the forward pass, and d(x + d)/dd is the identity,
 * so dLoss/dd is exactly dLoss/dx. The norm at step t is the L2 norm over
 * features, averaged over the probe batch: how strongly the loss still
 * depends on what the layer saw at step t. Vanishing gradients show as norms
 * that fall towards the first steps.
 */
export function gradientFlow(compiled: CompiledModel, xs: tf.Tensor[], ys: tf.Tensor[], nodeIds: readonly string[]): GradientFlow[] {
  const layers = recurrentLayers(compiled.model);
  if (layers.length === 0) return [];
  // A first pass records the shape each layer receives (T may be known only from the data).
  const shapes: number[][] = [];
  const undo = layers.map((layer, i) => wrap(layer, (x) => {
    shapes[i] = x.shape;
    return x;
  }));
  try {
    tf.tidy(() => {
      compiled.model.apply(xs);
    });
  } finally {
    undo.forEach((r) => r());
  }
  const usable = layers.map((_, i) => shapes[i]?.length === 3);
  const result = tf.tidy(() => {
    const deltas = layers.map((_, i) => tf.zeros(usable[i] ? shapes[i] : [1]));
    const lossOf = (...ds: tf.Tensor[]): tf.Scalar => {
      const restore = layers.map((layer, i) => wrap(layer, (x) => (usable[i] ? tf.add(x, ds[i]) : x)));
      try {
        const preds = toList(compiled.model.apply(xs) as tf.Tensor | tf.Tensor[]);
        return tf.addN(compiled.outputs.map((o, k) => o.loss(ys[k], preds[k]))) as tf.Scalar;
      } finally {
        restore.forEach((r) => r());
      }
    };
    const grads = tf.grads(lossOf)(deltas);
    // [B, T, F] -> per-example, per-step norm over features -> mean over the batch.
    return grads.map((g, i) => (usable[i] ? tf.mean(tf.sqrt(tf.sum(tf.square(g), -1)), 0) : tf.zeros([0])));
  });
  const flows = layers.map((layer, i) => ({
    nodeId: nodeIdOfLayer(layer.name, nodeIds),
    layer: layer.name,
    norms: Array.from(result[i].dataSync()),
  }));
  tf.dispose(result);
  return flows.filter((_, i) => usable[i]);
}

/** Replaces a layer's `call` so its first input goes through `f`; returns the undo. */
function wrap(layer: tf.layers.Layer, f: (x: tf.Tensor) => tf.Tensor): () => void {
  const holder = layer as unknown as { call: Call };
  const original = holder.call;
  holder.call = (inputs, kwargs) => {
    if (Array.isArray(inputs)) return original.call(layer, [f(inputs[0]), ...inputs.slice(1)], kwargs);
    return original.call(layer, f(inputs), kwargs);
  };
  return () => {
    holder.call = original;
  };
}

function toList(t: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(t) ? t : [t];
}
