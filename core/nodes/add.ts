import type * as tf from '@tensorflow/tfjs';
import { dimsAgree, float } from '../shapes/tensor-type';
import { fail, mismatch } from './checks';
import { customLayers } from './custom-layers';
import { checkJoinInputs, listShapes, mergeDim, rankMismatch } from './merge';
import { kerasName } from './layer-class';
import { defineNode } from './spec';

export const Add = defineNode({
  type: 'Add',
  category: 'Layers',
  role: 'merge',
  description: 'Adds two or more inputs of the same shape, element by element.',
  keywords: ['sum', 'residual', 'skip connection', 'merge', 'plus'],
  params: {},
  inputs: () => [{ name: 'in', multiple: true }],
  outputs: () => [{ name: 'out' }],
  summary: () => '',
  infer: ({ inputs }) => {
    const xs = inputs.in ?? [];
    const issues = checkJoinInputs('Add', xs);
    if (issues.length) return fail(...issues);
    const rank = xs[0].shape.length;
    if (xs.some((x) => x.shape.length !== rank)) return fail(rankMismatch('Add', xs));
    const shape = [...xs[0].shape];
    for (const x of xs.slice(1)) {
      if (!x.shape.every((d, axis) => dimsAgree(shape[axis], d))) {
        return fail(mismatch('in', `Add needs inputs of one shape, found ${listShapes(xs)}`));
      }
      x.shape.forEach((d, axis) => (shape[axis] = mergeDim(shape[axis], d)));
    }
    return { ok: true, outputs: { out: float(...shape) } };
  },
  paramCount: () => 0,
  build: ({ inputs, layerName }) => ({
    out: new (customLayers().MaskSafeAdd)({ name: layerName() }).apply(inputs.in) as tf.SymbolicTensor,
  }),
  layerClasses: { Add: { keras: ({ name }) => `layers.Add(${kerasName(name)})`, takesList: true, step: 'merge' } },
  importFrom: { classes: ['Add'], read: ({ calls }) => ({ type: 'Add', params: {}, ports: calls.map(() => 'in') }) },
});
