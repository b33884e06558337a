import * as tf from '@tensorflow/tfjs';
import { fail, needFloats } from './checks';
import { defineNode } from './spec';

export const ACTIVATION_FUNCTIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'hardSigmoid'] as const;

export const Activation = defineNode({
  type: 'Activation',
  category: 'Layers',
  description: 'Applies a function to every value (softmax: over the last axis); the shape is unchanged.',
  params: {
    activation: { kind: 'choice', options: ACTIVATION_FUNCTIONS, initial: 'relu' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => p.activation,
  infer: ({ inputs }) => {
    const x = inputs.in[0];
    const bad = needFloats('in', x);
    return bad ? fail(bad) : { ok: true, outputs: { out: x } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.activation({ activation: params.activation, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
});
