import * as tf from '@tensorflow/tfjs';
import { sameFloats } from './checks';
import { py } from '../export/keras/python';
import { kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const Dropout = defineNode({
  type: 'Dropout',
  category: 'Layers',
  role: 'layer',
  description: 'While training, zeroes a random fraction of the values; the shape is unchanged.',
  keywords: ['regularisation', 'regularization', 'noise', 'overfitting'],
  params: {
    rate: { kind: 'float', min: 0, max: 1, maxExclusive: true, initial: 0.2, help: 'the fraction dropped, 0 to below 1' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.rate}`,
  infer: sameFloats,
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.dropout({ rate: params.rate, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  // Stack's dropout between its layers is this class too.
  layerClasses: { Dropout: { keras: ({ name, config: c }) => `layers.Dropout(${py(c.rate)}, ${kerasName(name)})`, step: 'per-step' } },
  importFrom: { classes: ['Dropout'], read: ({ layer: { config: c } }) => oneInput('Dropout', { rate: c.rate }) },
});
