import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { fail, needSequence } from './checks';
import { defineNode } from './spec';

export const GlobalPool1D = defineNode({
  type: 'GlobalPool1D',
  category: 'Layers',
  description: 'The largest (max) or mean (average) of each feature over all steps: a sequence becomes a vector.',
  params: {
    mode: { kind: 'choice', options: ['max', 'average'], default: 'max' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => p.mode,
  infer: ({ inputs }) => {
    const x = inputs.in[0];
    const bad = needSequence('in', x);
    return bad ? fail(bad) : { ok: true, outputs: { out: float(x.shape[1]) } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => {
    const layer = params.mode === 'max' ? tf.layers.globalMaxPooling1d({ name: layerName() }) : tf.layers.globalAveragePooling1d({ name: layerName() });
    return { out: layer.apply(inputs.in[0]) as tf.SymbolicTensor };
  },
});
