import * as tf from '@tensorflow/tfjs';
import { quote } from '../quote';
import type { CompiledModel } from '../compile/types';
import type { Batch, Dataset, FieldBatch } from '../data/types';
import { formatShape, type Dim } from '../shapes/tensor-type';

/** Which dataset field feeds each model input and which one each Output learns. */
export interface BoundFields {
  /** One field per `compiled.inputs`, in model order. */
  inputs: string[];
  /** One field per `compiled.outputs`, in model order. */
  targets: string[];
  /** For each output: targets are class ids for a softmax head (sparse cross-entropy). */
  sparse: boolean[];
}

export type BindResult = { ok: true; bound: BoundFields } | { ok: false, message: string };

/**
 * Checks `bindings` (node id -> field) against the model and the dataset.
 * A missing binding, an unknown field or a shape that does not fit is a
 * message naming the node and the field, not an exception.
 */
export function bindFields(compiled: CompiledModel, dataset: Pick<Dataset, 'name' | 'fields'>, bindings: Record<string, string>): BindResult {
  const known = Object.keys(dataset.fields).join(', ');
  const fieldOf = (nodeId: string): { field: string } | { message: string } => {
    const field = Object.hasOwn(bindings, nodeId) ? bindings[nodeId] : undefined;
    if (field === undefined) return { message: `node "${nodeId}" is not bound to a field of dataset "${dataset.name}" (its fields: ${known})` };
    if (!Object.hasOwn(dataset.fields, field)) return { message: `node "${nodeId}" is bound to ${quote(field)}, which dataset "${dataset.name}" does not have (its fields: ${known})` };
    return { field };
  };
  const inputs: string[] = [];
  for (const input of compiled.inputs) {
    const r = fieldOf(input.nodeId);
    if ('message' in r) return { ok: false, message: r.message };
    const info = dataset.fields[r.field];
    if (!shapesFit(info.shape, input.type.shape)) {
      return { ok: false, message: `input "${input.nodeId}" expects ${formatShape(input.type.shape)}, but field "${r.field}" has ${formatShape(info.shape)}` };
    }
    if (input.type.dtype === 'int32' && info.dtype !== 'int32') {
      return { ok: false, message: `input "${input.nodeId}" takes token ids, but field "${r.field}" holds floats` };
    }
    inputs.push(r.field);
  }
  const targets: string[] = [];
  const sparse: boolean[] = [];
  for (const output of compiled.outputs) {
    const r = fieldOf(output.nodeId);
    if ('message' in r) return { ok: false, message: r.message };
    const info = dataset.fields[r.field];
    const outShape = output.type.shape;
    const isSparse = output.head === 'softmax' && info.shape.length === outShape.length - 1;
    // mdn heads emit mixture parameters but learn stroke-5 targets: only the steps must agree.
    const expected = output.head === 'mdn' ? [...outShape.slice(0, -1), 5] : isSparse ? outShape.slice(0, -1) : outShape;
    if (!shapesFit(info.shape, expected)) {
      const also = output.head === 'softmax' ? ` (or class ids ${formatShape(outShape.slice(0, -1))})` : '';
      return { ok: false, message: `Output "${output.nodeId}" learns targets of ${formatShape(expected)}${also}, but field "${r.field}" has ${formatShape(info.shape)}` };
    }
    if (!isSparse && info.dtype === 'int32' && output.head !== 'softmax') {
      return { ok: false, message: `Output "${output.nodeId}" (${output.head}) learns floats, but field "${r.field}" holds ids` };
    }
    targets.push(r.field);
    sparse.push(isSparse);
  }
  return { ok: true, bound: { inputs, targets, sparse } };
}

/** Dims fit when equal or when either is unknown. */
function shapesFit(a: Dim[], b: Dim[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** The fields a batch must compute for this binding. */
export function boundFieldNames(bound: BoundFields): string[] {
  return [...new Set([...bound.inputs, ...bound.targets])];
}

/** Model inputs and targets for one batch. Targets are float32: tfjs losses want float labels, even class ids. */
export function batchTensors(bound: BoundFields, batch: Batch): { xs: tf.Tensor[]; ys: tf.Tensor[] } {
  const xs = bound.inputs.map((f) => toTensor(batch[f], false));
  const ys = bound.targets.map((f) => toTensor(batch[f], true));
  return { xs, ys };
}

function toTensor(fb: FieldBatch, asFloat: boolean): tf.Tensor {
  if (asFloat && fb.dtype === 'int32') return tf.tensor(Float32Array.from(fb.data), fb.shape, 'float32');
  return tf.tensor(fb.data, fb.shape, fb.dtype);
}
