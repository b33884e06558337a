import * as tf from '@tensorflow/tfjs';
import type { CompiledInput } from '../compile/types';
import { formatShape } from '../shapes/tensor-type';

/** A user mistake in a generation or prediction request, said in words (never a stack trace). */
export class GenerateError extends Error {
  override name = 'GenerateError';
}

/** Nested arrays of numbers, as given in JSON. */
export type NestedNumbers = number | NestedNumbers[];

function rankOf(value: unknown): number {
  let rank = 0;
  let cursor = value;
  while (Array.isArray(cursor)) {
    rank++;
    cursor = cursor[0];
  }
  return rank;
}

/**
 * The values given for one model input as a tensor with a batch dimension:
 * one example (repeated `n` times, when `n` is given) or a batch of them,
 * checked against the input's shape and type, with what is wrong named.
 */
export function inputTensor(input: CompiledInput, value: unknown, n?: number): tf.Tensor {
  const expected = input.type.shape;
  const rank = rankOf(value);
  const what = `input "${input.nodeId}" (${formatShape(expected)}${input.type.dtype === 'int32' ? ' int' : ''})`;
  if (rank !== expected.length && rank !== expected.length + 1) {
    throw new GenerateError(`${what} expects arrays nested ${expected.length} deep (one example) or ${expected.length + 1} deep (a batch), found ${rank}`);
  }
  let tensor: tf.Tensor;
  try {
    tensor = tf.tensor(value as number[], undefined, input.type.dtype);
  } catch (err) {
    throw new GenerateError(`${what}: the arrays are ragged or not numbers (${(err as Error).message})`);
  }
  if (input.type.dtype === 'float32' && !allFinite(tensor)) {
    tensor.dispose();
    throw new GenerateError(`${what}: holds a value that is not a finite number`);
  }
  if (rank === expected.length) {
    const one = tensor;
    tensor = tf.tidy(() => tf.tile(tf.expandDims(one, 0), [n ?? 1, ...expected.map(() => 1)]));
    one.dispose();
  } else if (n !== undefined && tensor.shape[0] !== n) {
    const found = tensor.shape[0];
    tensor.dispose();
    throw new GenerateError(`${what}: ${found} examples given, but ${n} asked for`);
  }
  const found = tensor.shape.slice(1);
  if (found.some((d, i) => expected[i] !== null && expected[i] !== d)) {
    tensor.dispose();
    throw new GenerateError(`${what}: found examples of shape ${formatShape(found)}`);
  }
  return tensor;
}

function allFinite(t: tf.Tensor): boolean {
  const data = t.dataSync();
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

/** How many examples the given values hold, when they are a batch; `undefined` for one example or none. */
export function batchSizeOf(input: CompiledInput, value: unknown): number | undefined {
  return Array.isArray(value) && rankOf(value) === input.type.shape.length + 1 ? value.length : undefined;
}
