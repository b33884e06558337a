import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { floatInputRule } from './layer-class';
import { defineNode } from './spec';

export const VectorInput = defineNode({
  type: 'VectorInput',
  category: 'Inputs',
  role: 'input',
  description: 'One feature vector per example: size floats.',
  keywords: ['features', 'static', 'context', 'tabular', 'condition'],
  params: {
    size: { kind: 'int', min: 1, max: 1000000, initial: 16, help: 'floats per example' },
  },
  inputs: () => [],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.size}`,
  infer: ({ params }) => ({ ok: true, outputs: { out: float(params.size) } }),
  paramCount: () => 0,
  build: ({ params, layerName }) => ({
    out: tf.input({ shape: [params.size], dtype: 'float32', name: layerName() }),
  }),
  importFrom: floatInputRule(1, ([size]) => ({ size }), 'VectorInput'),
});
