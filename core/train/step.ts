import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import type { Dataset } from '../data/types';
import { batchesOf } from '../data/split';
import { batchTensors, boundFieldNames, type BoundFields } from './bindings';
import { clipByGlobalNorm, globalNorm } from './clip';
import { accuracy, WeightedMeans } from './metrics';

/** What one training step measured. `applied` is false when the loss was not finite or past the bound (weights untouched). */
export interface StepResult {
  losses: number[];
  total: number;
  /** Accuracy of each output (NaN for non-softmax heads); only when asked for. */
  accuracy: number[] | null;
  normBefore: number;
  normAfter: number;
  applied: boolean;
}

/**
 * One optimisation step on one batch, synchronous: forward in training mode,
 * gradients of the summed output losses, global-norm clipping, update. The
 * losses and the norm are read in one sync before the update, so a NaN never
 * reaches the weights.
 */
export function trainStep(
  compiled: CompiledModel,
  bound: BoundFields,
  vars: tf.Variable[],
  optimizer: tf.Optimizer,
  xs: tf.Tensor[],
  ys: tf.Tensor[],
  clipNorm: number,
  withAccuracy: boolean,
  maxLoss = Number.POSITIVE_INFINITY,
): StepResult {
  const { model, outputs } = compiled;
  const kept: tf.Tensor[] = [];
  const { value, grads } = optimizer.computeGradients(() => {
    const preds = toList(model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[]);
    const losses = outputs.map((o, i) => o.loss(ys[i], preds[i]));
    kept.push(...losses.map((l) => tf.keep(l)));
    if (withAccuracy) kept.push(...outputs.map((o, i) => tf.keep(o.head === 'softmax' ? accuracy(ys[i], preds[i], bound.sparse[i]) : tf.scalar(Number.NaN))));
    return tf.addN(losses) as tf.Scalar;
  }, vars);
  const gradList = vars.map((v) => grads[v.name]);
  const norm = globalNorm(gradList);
  const readout = tf.tidy(() => tf.stack([...kept.map((t) => tf.reshape(t, [])), norm]));
  const values = readout.dataSync();
  tf.dispose([readout, value, ...kept]);
  const n = outputs.length;
  const losses = Array.from(values.subarray(0, n));
  const total = losses.reduce((a, b) => a + b, 0);
  const normBefore = values[values.length - 1];
  // A loss past `maxLoss` (a diverging run) is refused like a NaN: the weights stay as they were.
  const applied = Number.isFinite(total) && Number.isFinite(normBefore) && total <= maxLoss;
  let normAfter = normBefore;
  if (applied) {
    if (clipNorm > 0 && normBefore > clipNorm) {
      const clipped = clipByGlobalNorm(gradList, norm, clipNorm);
      optimizer.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, clipped[i]])));
      tf.dispose(clipped);
      normAfter = clipNorm;
    } else {
      optimizer.applyGradients(grads);
    }
  }
  tf.dispose([norm, ...Object.values(grads)]);
  return {
    losses,
    total,
    accuracy: withAccuracy ? Array.from(values.subarray(n, 2 * n)) : null,
    normBefore,
    normAfter,
    applied,
  };
}

/** Mean losses and accuracies of the model on `indices`, in inference mode (no dropout). */
export function evaluate(compiled: CompiledModel, bound: BoundFields, dataset: Dataset, indices: Int32Array, batchSize: number): { losses: number[]; accuracy: number[] } {
  const { model, outputs } = compiled;
  const n = outputs.length;
  const means = new WeightedMeans(2 * n);
  const fields = boundFieldNames(bound);
  for (const idx of batchesOf(indices, batchSize)) {
    const values = tf.tidy(() => {
      const { xs, ys } = batchTensors(bound, dataset.batch(idx, fields));
      const preds = toList(model.apply(xs, { training: false }) as tf.Tensor | tf.Tensor[]);
      const losses = outputs.map((o, i) => tf.reshape(o.loss(ys[i], preds[i]), []));
      const accs = outputs.map((o, i) => (o.head === 'softmax' ? accuracy(ys[i], preds[i], bound.sparse[i]) : tf.scalar(Number.NaN)));
      return tf.stack([...losses, ...accs]);
    });
    means.add(values.dataSync(), idx.length);
    values.dispose();
  }
  const m = means.means();
  return { losses: m.slice(0, n), accuracy: m.slice(n) };
}

export function toList(t: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(t) ? t : [t];
}
