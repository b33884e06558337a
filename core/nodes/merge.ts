import { dimsAgree, formatShape, type Dim, type TensorType } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needFloats } from './checks';
import type { InferResult, PortTypes, ShapeIssue } from './spec';

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

/** The inputs of a join, checked as both joins want them: two or more float tensors of one rank; or the failure to report. */
export function joinInputs(type: string, inputs: PortTypes): { xs: TensorType[]; rank: number } | { failed: InferResult } {
  const xs = inputs.in ?? [];
  const issues = checkJoinInputs(type, xs);
  if (issues.length) return { failed: fail(...issues) };
  const rank = xs[0].shape.length;
  if (xs.some((x) => x.shape.length !== rank)) return { failed: fail(rankMismatch(type, xs)) };
  return { xs, rank };
}

/** The first `n` axes of all inputs merged (a known size wins), or the first axis where two inputs disagree. */
export function mergeLeadingAxes(xs: TensorType[], n: number): { shape: Dim[] } | { differs: number } {
  const shape: Dim[] = xs[0].shape.slice(0, n);
  for (const x of xs.slice(1)) {
    for (let axis = 0; axis < n; axis++) {
      if (!dimsAgree(shape[axis], x.shape[axis])) return { differs: axis };
      shape[axis] = mergeDim(shape[axis], x.shape[axis]);
    }
  }
  return { shape };
}
