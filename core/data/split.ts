import type { Dataset } from './types';
import { createRng, shuffleInPlace } from '../random';

/** Sample indices for training and for validation. */
export interface Split {
  train: Int32Array;
  validation: Int32Array;
}

const SPLIT_STREAM = 1;
const EPOCH_STREAM = 2;

/**
 * The train/validation split of a dataset: the same seed gives the same split.
 * Shuffled datasets draw validation samples at random; time-series windows
 * keep validation at the end, past a gap, so no validation window shares rows
 * with a training window.
 */
export function splitDataset(dataset: Pick<Dataset, 'size' | 'split'>, validationSplit: number, seed: number): Split {
  const { size, split } = dataset;
  if (!(validationSplit >= 0 && validationSplit < 1)) throw new RangeError(`validationSplit must be in [0, 1), got ${validationSplit}`);
  const nVal = validationSplit > 0 ? Math.max(1, Math.round(size * validationSplit)) : 0;
  if (split.mode === 'tail') {
    const gap = nVal > 0 ? Math.min(split.gap, Math.max(0, size - nVal - 1)) : 0;
    const nTrain = Math.max(0, size - nVal - gap);
    return { train: range(0, nTrain), validation: range(size - nVal, size) };
  }
  const order = shuffleInPlace(range(0, size), createRng(seed, SPLIT_STREAM));
  // Sorted halves keep the split independent of how the trainer shuffles later.
  return { train: order.slice(nVal).sort(), validation: order.slice(0, nVal).sort() };
}

/** The training indices in the order of one epoch: same seed and epoch, same order. */
export function epochOrder(indices: Int32Array, seed: number, epoch: number): Int32Array {
  return shuffleInPlace(indices.slice(), createRng(seed, EPOCH_STREAM, epoch));
}

/** Cuts an order into batches of `batchSize` (the last one may be smaller); views, not copies. */
export function batchesOf(order: Int32Array, batchSize: number): Int32Array[] {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const out: Int32Array[] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.subarray(i, Math.min(order.length, i + batchSize)));
  return out;
}

function range(from: number, to: number): Int32Array {
  const a = new Int32Array(Math.max(0, to - from));
  for (let i = 0; i < a.length; i++) a[i] = from + i;
  return a;
}
