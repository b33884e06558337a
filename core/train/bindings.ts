import * as tf from '@tensorflow/tfjs';
import { quote } from '../quote';
import type { CompiledModel, Head } from '../compile/types';
import { Output } from '../nodes/output';
import { paramsOf } from '../nodes/spec';
import type { GraphAnalysis } from '../validate/analyze';
import type { Batch, Dataset, FieldBatch } from '../data/types';
import { formatShape, type Dim } from '../shapes/tensor-type';

/**
 * How a graph's nodes meet a dataset's fields: the rule of what fits, used
 * both when training starts (`bindFields`, on the compiled model and the
 * loaded data) and when the window suggests fields (`bindingWants`,
 * `suggestBindings`, on the analysis and the catalogue's field shapes).
 */

/** One shape and dtype a field may have to fill a port (`null` dims agree with any size). */
export interface WantedShape {
  shape: Dim[];
  dtype: 'float32' | 'int32';
  /** Class ids, one rank below a softmax head's output (sparse cross-entropy). */
  sparse?: boolean;
}

/**
 * The targets an Output with this head learns, from its output shape
 * `[...steps, width]`: an mdn head learns stroke-5 steps; a softmax head
 * class ids or one-hot rows; sigmoid and linear heads their output's shape.
 */
export function headTargets(head: Head, outShape: Dim[]): WantedShape[] {
  const lead = outShape.slice(0, -1);
  if (head === 'mdn') return [{ shape: [...lead, 5], dtype: 'float32' }];
  if (head === 'softmax') return [{ shape: lead, dtype: 'int32', sparse: true }, { shape: outShape, dtype: 'float32' }];
  return [{ shape: outShape, dtype: 'float32' }];
}

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
    // mdn heads emit mixture parameters but learn stroke-5 targets: only the steps must agree.
    // Class ids are told from one-hot rows by their rank; the dtype check below is looser than the suggestions' on purpose.
    const options = headTargets(output.head, outShape);
    const target = options.find((o) => o.sparse && o.shape.length === info.shape.length) ?? options.find((o) => !o.sparse)!;
    const isSparse = !!target.sparse;
    const expected = target.shape;
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
export function shapesFit(a: Dim[], b: Dim[]): boolean {
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

/** A dataset field as the catalogue lists it: its dims are `null` where an option decides the size. */
export interface FieldShape {
  name: string;
  dims: Dim[];
  dtype: 'float32' | 'int32';
}

/** What a node wants from a field: one of some shapes (an empty list: not known yet). */
export interface Want {
  nodeId: string;
  role: 'input' | 'target';
  shapes: WantedShape[];
}

/** Whether a field can fill a wanted shape, dtype included. */
export function fieldFits(field: FieldShape, want: WantedShape): boolean {
  return want.dtype === field.dtype && shapesFit(field.dims, want.shape);
}

/** What each input node and each Output of a graph needs bound, from the analysis (no compiled model needed). */
export function bindingWants(analysis: GraphAnalysis): Want[] {
  const wants: Want[] = [];
  for (const entry of analysis.nodes.values()) {
    const nodeId = entry.node.id;
    if (entry.spec?.role === 'input') {
      const out = entry.outputs.out;
      wants.push({ nodeId, role: 'input', shapes: out ? [{ shape: out.shape, dtype: out.dtype }] : [] });
    } else if (entry.spec?.role === 'head') {
      const arriving = entry.inputs.in?.[0];
      const p = paramsOf(Output, entry.params);
      // Read from the params, not the inferred output, so that a head still missing its units gets suggestions too.
      const outShape = arriving ? [...arriving.shape.slice(0, -1), typeof p.units === 'number' ? p.units : null] : null;
      wants.push({ nodeId, role: 'target', shapes: outShape && p.head ? headTargets(p.head, outShape) : [] });
    }
  }
  return wants;
}

/** How well a field's name suits a role: `strokesIn` feeds inputs, `strokesOut` and `target` are learned. */
function nameScore(field: string, role: Want['role']): number {
  const looksIn = /(in|input|source|x)$/i.test(field) || /^(rows|frames|image|chars|inputs)$/i.test(field);
  const looksOut = /(out|target|targets|label|labels|y|next\w*)$/i.test(field);
  if (role === 'input') return looksIn ? 2 : looksOut ? 0 : 1;
  return looksOut ? 2 : looksIn ? 0 : 1;
}

/**
 * Fields for each node, where shapes match: keeps what the user bound, then
 * fills the rest greedily, each field used once, names as the tie-breaker.
 */
export function suggestBindings(wants: Want[], fields: FieldShape[], current: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const w of wants) {
    const field = current[w.nodeId];
    if (field && fields.some((f) => f.name === field)) {
      out[w.nodeId] = field;
      used.add(field);
    }
  }
  for (const w of wants) {
    if (out[w.nodeId]) continue;
    const candidates = fields
      .filter((f) => !used.has(f.name) && w.shapes.some((s) => fieldFits(f, s)))
      .sort((a, b) => nameScore(b.name, w.role) - nameScore(a.name, w.role));
    if (candidates[0]) {
      out[w.nodeId] = candidates[0].name;
      used.add(candidates[0].name);
    }
  }
  return out;
}
