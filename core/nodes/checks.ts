import { formatType, type TensorType } from '../shapes/tensor-type';
import type { FixHint } from '../validate/codes';
import type { InferResult, PortTypes, ShapeIssue } from './spec';

/**
 * The wording shared by the shape rules, so that every node says a mismatch
 * the same way: what the port expects, what arrived, and what to do about it.
 */

/** `a vector [64]`, `a sequence [T, 5]`, `token ids [T] int`, `an image [28, 28, 1]`. */
export function describeType(t: TensorType): string {
  if (t.dtype === 'int32') return `token ids ${formatType(t)}`;
  switch (t.shape.length) {
    case 0:
      return `a scalar ${formatType(t)}`;
    case 1:
      return `a vector ${formatType(t)}`;
    case 2:
      return `a sequence ${formatType(t)}`;
    case 3:
      return `an image ${formatType(t)}`;
    default:
      return `a tensor ${formatType(t)}`;
  }
}

export function mismatch(port: string, message: string, fix?: FixHint): ShapeIssue {
  return fix ? { code: 'shape-mismatch', port, message, fix } : { code: 'shape-mismatch', port, message };
}

/** The fix of a rank-1 input where a sequence is expected: the recurrent node before it returns every step. */
export const RETURN_SEQUENCES: FixHint = { kind: 'set-upstream-param', param: 'returnSequences', value: true };

export function fail(...issues: ShapeIssue[]): InferResult {
  return { ok: false, issues };
}

/** Token ids cannot go where floats are computed with; an Embedding turns them into floats. */
export function needFloats(port: string, t: TensorType): ShapeIssue | null {
  if (t.dtype === 'float32') return null;
  return mismatch(port, `expects floats, found ${describeType(t)}; put an Embedding before it`, { kind: 'insert-before', type: 'Embedding' });
}

/** The shape rule of an element-wise layer (Activation, Dropout): floats in, the same type out. */
export function sameFloats({ inputs }: { inputs: PortTypes }): InferResult {
  const x = inputs.in[0];
  const bad = needFloats('in', x);
  return bad ? fail(bad) : { ok: true, outputs: { out: x } };
}

/** A recurrent input: floats of rank 2. */
export function needSequence(port: string, t: TensorType): ShapeIssue | null {
  const floats = needFloats(port, t);
  if (floats) return floats;
  if (t.shape.length === 2) return null;
  const hint =
    t.shape.length === 1
      ? '; set returnSequences on the node before it, or add a RepeatVector'
      : t.shape.length === 3
        ? '; read an image row by row by reshaping it, or Flatten it and add a RepeatVector'
        : '';
  return mismatch(port, `expects a sequence [T, F], found ${describeType(t)}${hint}`, t.shape.length === 1 ? RETURN_SEQUENCES : undefined);
}

/** A vector input: floats of rank 1. */
export function needVector(port: string, t: TensorType, hint = '', fix?: FixHint): ShapeIssue | null {
  const floats = needFloats(port, t);
  if (floats) return floats;
  if (t.shape.length === 1) return null;
  return mismatch(port, `expects a vector [F], found ${describeType(t)}${hint}`, fix);
}

/** An image input: floats of rank 3. */
export function needImage(port: string, t: TensorType): ShapeIssue | null {
  const floats = needFloats(port, t);
  if (floats) return floats;
  if (t.shape.length === 3) return null;
  return mismatch(port, `expects an image [H, W, C], found ${describeType(t)}; start from an ImageInput`);
}

/** The last dimension, which every layer here needs to know to size its weights. */
export function lastDim(t: TensorType): number {
  return t.shape.at(-1) ?? 0;
}

/** Known last dim or an issue: a feature size of `T` (unknown) cannot size weights. */
export function needKnownLast(port: string, t: TensorType): ShapeIssue | null {
  const last = t.shape.at(-1);
  if (last === null) return mismatch(port, `expects a known feature size on the last axis, found ${formatType(t)}`);
  return null;
}
