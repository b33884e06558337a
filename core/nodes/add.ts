import type * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { fail, mismatch } from './checks';
import { customLayers } from './custom-layers';
import { joinInputs, listShapes, mergeLeadingAxes } from './merge';
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
    const joined = joinInputs('Add', inputs);
    if ('failed' in joined) return joined.failed;
    const merged = mergeLeadingAxes(joined.xs, joined.rank);
    if ('differs' in merged) return fail(mismatch('in', `Add needs inputs of one shape, found ${listShapes(joined.xs)}`));
    return { ok: true, outputs: { out: float(...merged.shape) } };
  },
  paramCount: () => 0,
  build: ({ inputs, layerName }) => ({
    out: new (customLayers().MaskSafeAdd)({ name: layerName() }).apply(inputs.in) as tf.SymbolicTensor,
  }),
  layerClasses: { Add: { keras: ({ name }) => `layers.Add(${kerasName(name)})`, takesList: true, step: 'merge' } },
  importFrom: { classes: ['Add'], read: ({ calls }) => ({ type: 'Add', params: {}, ports: calls.map(() => 'in') }) },
});
