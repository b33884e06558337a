import * as tf from '@tensorflow/tfjs';
import type { Batch } from './types';

/** A batch as tensors, for the trainer; the caller disposes them (or runs this inside `tf.tidy`). */
export function batchToTensors(batch: Batch): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, fb] of Object.entries(batch)) out[name] = tf.tensor(fb.data, fb.shape, fb.dtype);
  return out;
}
