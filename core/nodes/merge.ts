import { formatShape, type Dim, type TensorType } from '../shapes/tensor-type';
import { describeType, mismatch, needFloats } from './checks';
import type { ShapeIssue } from './spec';

/** Concatenate and Add join two or more float tensors on their `in` port. */
export function checkJoinInputs(type: string, xs: TensorType[] | undefined): ShapeIssue[] {
  const list = xs ?? [];
  if (list.length < 2) {
    return [{ code: 'too-few-inputs', port: 'in', message: `${type} joins two or more inputs, found ${list.length}; wire another output into in` }];
  }
  const issues: ShapeIssue[] = [];
  list.forEach((x, i) => {
    const bad = needFloats('in', x);
    if (bad) issues.push({ ...bad, message: `input ${i + 1}: ${bad.message}` });
  });
  return issues;
}

/** Two dims merged: a known size wins over an unknown one. */
export const mergeDim = (a: Dim, b: Dim): Dim => a ?? b;

/** `[T, 64], [T, 32]` for the message that lists what arrived. */
export const listShapes = (xs: TensorType[]) => xs.map((x) => formatShape(x.shape)).join(', ');

export function rankMismatch(type: string, xs: TensorType[]): ShapeIssue {
  return mismatch('in', `${type} needs inputs of one rank, found ${xs.map(describeType).join(' and ')}`);
}
