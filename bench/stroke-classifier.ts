import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../core/data/types';
import { rasterise } from '../core/generate/raster';
import { strokesToPolylines, type Polyline } from '../core/generate/strokes';

/** Side of the images the classifier reads (MNIST's). */
export const IMAGE_SIZE = 28;

/** The drawings of a stroke dataset at `indices`, as polylines (from `strokesOut`), with their labels. */
export function labelledDrawings(dataset: Dataset, indices: Int32Array): { drawings: Polyline[][]; labels: Int32Array } {
  const batch = dataset.batch(indices, ['strokesOut', 'label']);
  const [n, steps] = batch.strokesOut.shape;
  const data = batch.strokesOut.data;
  const drawings = Array.from({ length: n }, (_, i) =>
    strokesToPolylines(Array.from({ length: steps }, (_, t) => data.subarray((i * steps + t) * 5, (i * steps + t + 1) * 5))),
  );
  return { drawings, labels: batch.label.data as Int32Array };
}

/** Drawings as one [n, 28, 28, 1] tensor of rasterised images. */
export function imagesOf(drawings: Polyline[][]): tf.Tensor4D {
  const px = IMAGE_SIZE * IMAGE_SIZE;
  const all = new Float32Array(drawings.length * px);
  drawings.forEach((d, i) => all.set(rasterise(d, IMAGE_SIZE), i * px));
  return tf.tensor4d(all, [drawings.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

/**
 * A small convolutional digit classifier (two conv + pool blocks, a dense
 * softmax), trained with plain tfjs on rasterised drawings: the judge of
 * whether a generated drawing looks like the digit that was asked for. It is
 * not a Seqwire graph on purpose: it stands outside the model it judges.
 */
export async function trainClassifier(drawings: Polyline[][], labels: Int32Array, classes: number, options: { epochs?: number; seed?: number } = {}): Promise<tf.Sequential> {
  const seed = options.seed ?? 1;
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1], filters: 16, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dropout({ rate: 0.25, seed }),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const xs = imagesOf(drawings);
  const ys = tf.tensor1d(Array.from(labels), 'float32');
  try {
    await model.fit(xs, ys, { epochs: options.epochs ?? 6, batchSize: 64, shuffle: true, verbose: 0 });
  } finally {
    tf.dispose([xs, ys]);
  }
  return model;
}

/** The class the classifier gives each drawing. */
export function classify(model: tf.LayersModel, drawings: Polyline[][]): Int32Array {
  if (!drawings.length) return new Int32Array(0);
  return tf.tidy(() => {
    const xs = imagesOf(drawings);
    return tf.argMax(model.predict(xs) as tf.Tensor, -1).dataSync() as Int32Array;
  });
}

/** Share of `guesses` equal to `truth`. */
export function agreement(guesses: ArrayLike<number>, truth: ArrayLike<number>): number {
  let same = 0;
  for (let i = 0; i < guesses.length; i++) if (guesses[i] === truth[i]) same++;
  return guesses.length ? same / guesses.length : 0;
}

/** A drawing with nothing to see: no line with two points apart. */
export function isEmptyDrawing(lines: Polyline[]): boolean {
  const points = lines.flat();
  if (points.length < 2) return true;
  const [x0, y0] = points[0];
  return points.every(([x, y]) => x === x0 && y === y0);
}
