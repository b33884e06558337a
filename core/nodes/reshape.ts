import * as tf from '@tensorflow/tfjs';
import { formatShape, type Dim } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needFloats } from './checks';
import { kerasName, oneInput } from './layer-class';
import { pyTuple } from '../export/keras/python';
import { defineNode } from './spec';

/** The sizes a target shape gives an input of `shape`: -1 takes what is left; null when the input's size is not known. */
export function reshapeTo(shape: Dim[], target: number[]): { out: Dim[] } | { problem: string } {
  const known = shape.every((d) => d !== null);
  const fixed = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (!known) {
    if (!target.includes(-1)) return { problem: `has a size known only at run time, so the target shape needs a -1 for it` };
    return { out: target.map((d) => (d === -1 ? null : d)) };
  }
  const total = (shape as number[]).reduce((a, b) => a * b, 1);
  if (target.includes(-1)) {
    if (total % fixed !== 0) return { problem: `holds ${total} values, which ${formatShape(target.filter((d) => d !== -1))} does not divide` };
    return { out: target.map((d) => (d === -1 ? total / fixed : d)) };
  }
  if (total !== fixed) return { problem: `holds ${total} values but the target shape ${formatShape(target)} holds ${fixed}` };
  return { out: [...target] };
}

export const Reshape = defineNode({
  type: 'Reshape',
  category: 'Layers',
  role: 'layer',
  description: 'The same values in another shape (an image as a sequence of rows, a vector as steps); -1 takes whatever size is left.',
  params: {
    targetShape: { kind: 'shape', initial: [-1], help: 'the new shape without the batch, e.g. 28, 28; one size may be -1' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => formatShape(p.targetShape.map((d) => (d === -1 ? null : d))).replace(/T/g, '-1'),
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needFloats('in', x);
    if (bad) return fail(bad);
    const result = reshapeTo(x.shape, params.targetShape);
    if ('problem' in result) return fail(mismatch('in', `${describeType(x)} ${result.problem}`));
    return { ok: true, outputs: { out: { shape: result.out, dtype: 'float32' } } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, inputTypes, layerName }) => {
    // tfjs leaves a -1 unknown in the shapes it infers (a layer after it then cannot size its weights), so the size is filled in where known.
    const result = reshapeTo(inputTypes.in[0].shape, params.targetShape);
    const target = 'out' in result ? result.out.map((d) => d ?? -1) : params.targetShape;
    return { out: tf.layers.reshape({ targetShape: target, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor };
  },
  layerClasses: { Reshape: { keras: ({ name, config: c }) => `layers.Reshape(${pyTuple(c.target_shape as unknown[])}, ${kerasName(name)})` } },
  importFrom: {
    classes: ['Reshape'],
    read: ({ layer: { config: c } }, problems) => {
      const target = c.target_shape;
      if (!Array.isArray(target)) problems.push('no target_shape');
      return oneInput('Reshape', { targetShape: Array.isArray(target) ? target : [-1] });
    },
  },
});
