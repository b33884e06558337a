import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { fail, needSequence } from './checks';
import { kerasName, oneInput, type LayerClass } from './layer-class';
import { defineNode } from './spec';

const pooling = (cls: string): LayerClass => ({ keras: ({ name }) => `layers.${cls}(${kerasName(name)})` });

export const GlobalPool1D = defineNode({
  type: 'GlobalPool1D',
  category: 'Layers',
  role: 'layer',
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
  layerClasses: { GlobalMaxPooling1D: pooling('GlobalMaxPooling1D'), GlobalAveragePooling1D: pooling('GlobalAveragePooling1D') },
  importFrom: {
    classes: ['GlobalMaxPooling1D', 'GlobalMaxPool1D', 'GlobalAveragePooling1D', 'GlobalAveragePool1D', 'GlobalAvgPool1D'],
    read: ({ layer: { className, config: c } }, problems) => {
      if (c.keepdims) problems.push('keepdims=True');
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      return oneInput('GlobalPool1D', { mode: className.startsWith('GlobalMax') ? 'max' : 'average' });
    },
  },
});
