import * as tf from '@tensorflow/tfjs';
import { formatType } from '../shapes/tensor-type';
import { describeType, fail, mismatch } from './checks';
import { kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const Flatten = defineNode({
  type: 'Flatten',
  category: 'Layers',
  role: 'layer',
  description: 'Lays every value of an example out in one vector.',
  keywords: ['reshape', 'vector', 'unroll'],
  params: {},
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: () => '',
  infer: ({ inputs }) => {
    const x = inputs.in[0];
    if (x.shape.length < 2) return fail(mismatch('in', `expects at least two axes, found ${describeType(x)}, which is already flat; remove the Flatten`));
    if (x.shape.some((d) => d === null)) {
      return fail(mismatch('in', `needs every size known, found ${formatType(x)}; set timesteps on the input, or use a recurrent node to read a sequence of any length`));
    }
    const size = (x.shape as number[]).reduce((a, b) => a * b, 1);
    return { ok: true, outputs: { out: { shape: [size], dtype: x.dtype } } };
  },
  paramCount: () => 0,
  build: ({ inputs, layerName }) => ({
    out: tf.layers.flatten({ name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: { Flatten: { keras: ({ name }) => `layers.Flatten(${kerasName(name)})` } },
  importFrom: { classes: ['Flatten'], read: () => oneInput('Flatten') },
});
