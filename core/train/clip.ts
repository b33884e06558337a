import * as tf from '@tensorflow/tfjs';
import type { CLIP_SCOPES } from '../graph/schema';
import { fusedRecurrentEnabled } from '../nodes/fused-rnn';
import { GLOBAL_NORM_KERNEL } from './step-kernels';

/**
 * The global L2 norm of a set of gradients: sqrt of the sum of all their
 * squares; in one call of the backend's kernel where it has one (wasm, cpu:
 * step-kernels.ts), else tfjs ops.
 */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  if (grads.length && fusedRecurrentEnabled() && tf.getKernel(GLOBAL_NORM_KERNEL, tf.getBackend())) {
    return tf.engine().runKernel(GLOBAL_NORM_KERNEL, Object.fromEntries(grads.map((g, i) => [`g${i}`, g]))) as tf.Scalar;
  }
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

/**
 * What `clipNorm` bounds: `all` the one global norm of every gradient (as
 * Keras's `global_clipnorm`); `output` the norm of each group of variables
 * that feed the same set of Outputs, so two models trained side by side (two
 * branches with their own heads) are clipped each by its own norm and one's
 * exploding gradient does not shrink the other's steps; `layer` each layer's
 * variables apart.
 */
export type ClipScope = (typeof CLIP_SCOPES)[number];

interface SymbolicLike {
  sourceLayer: tf.layers.Layer;
  inputs?: SymbolicLike[];
}

/** The layers an output tensor depends on. */
function ancestors(out: SymbolicLike, seen = new Set<tf.layers.Layer>()): Set<tf.layers.Layer> {
  const stack = [out];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t.sourceLayer)) continue;
    seen.add(t.sourceLayer);
    for (const node of t.sourceLayer.inboundNodes) stack.push(...(node.inputTensors as unknown as SymbolicLike[]));
  }
  return seen;
}

/** The model's trainable variables (by index in `model.trainableWeights`) in clipping groups; one group for `all`. */
export function clipGroups(model: tf.LayersModel, scope: ClipScope): number[][] {
  const weights = model.trainableWeights;
  if (scope === 'all') return [weights.map((_, i) => i)];
  const feeds = model.outputs.map((o) => ancestors(o as unknown as SymbolicLike));
  const owner = new Map<unknown, tf.layers.Layer>();
  for (const layer of model.layers) for (const w of layer.trainableWeights) owner.set(w, layer);
  const key = (i: number): string => {
    const layer = owner.get(weights[i]);
    if (scope === 'layer' || !layer) return layer?.name ?? `#${i}`;
    return feeds.map((f, k) => (f.has(layer) ? k : -1)).filter((k) => k >= 0).join(',');
  };
  const groups = new Map<string, number[]>();
  weights.forEach((_, i) => {
    const k = key(i);
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  return [...groups.values()];
}

/** Clips each group of gradients to `clipNorm` by its own norm; gives the clipped gradients (new tensors) and the global norm after. */
export function clipByGroups(grads: tf.Tensor[], groups: number[][], clipNorm: number): { clipped: tf.Tensor[]; normAfter: number } {
  const clipped: tf.Tensor[] = new Array(grads.length);
  let after = 0;
  for (const group of groups) {
    const norm = globalNorm(group.map((i) => grads[i]));
    const scaled = clipByGlobalNorm(group.map((i) => grads[i]), norm, clipNorm);
    const n = norm.dataSync()[0];
    norm.dispose();
    group.forEach((i, j) => (clipped[i] = scaled[j]));
    after += Math.min(n, clipNorm) ** 2;
  }
  return { clipped, normAfter: Math.sqrt(after) };
}
