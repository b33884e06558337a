import * as tf from '@tensorflow/tfjs';
import { formatType } from '../shapes/tensor-type';
import { defineNode } from './spec';

export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax', 'elu', 'selu', 'softplus', 'swish'] as const;

export const Dense = defineNode({
  type: 'Dense',
  category: 'Layers',
  description: 'A fully connected layer; on a sequence it applies at every step.',
  keywords: ['fully connected', 'linear', 'projection', 'mlp', 'perceptron', 'timedistributed', 'logits'],
  params: {
    units: { kind: 'int', min: 1, max: 100000, initial: 64 },
    activation: { kind: 'choice', options: ACTIVATIONS, default: 'linear' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.units}${p.activation === 'linear' ? '' : `, ${p.activation}`}`,
  infer: ({ params, inputs }) => {
    const [x] = inputs.in;
    if (x.dtype !== 'float32') {
      return { ok: false, issues: [{ code: 'shape-mismatch', port: 'in', message: `expects floats, found token ids ${formatType(x)}; put an Embedding before it` }] };
    }
    if (x.shape.length < 1) {
      return { ok: false, issues: [{ code: 'shape-mismatch', port: 'in', message: `expects [..., F], found ${formatType(x)}` }] };
    }
    return { ok: true, outputs: { out: { shape: [...x.shape.slice(0, -1), params.units], dtype: 'float32' } } };
  },
  paramCount: (p, inputs) => {
    const f = inputs.in[0].shape.at(-1) ?? 0;
    return f * p.units + p.units;
  },
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.dense({ units: params.units, activation: params.activation, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
});
