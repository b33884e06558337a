import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { floatInputRule } from './layer-class';
import { defineNode } from './spec';

export const ImageInput = defineNode({
  type: 'ImageInput',
  category: 'Inputs',
  role: 'input',
  description: 'An image per example: height × width × channels floats.',
  keywords: ['picture', 'pixels', 'mnist', 'digits', 'photo'],
  params: {
    height: { kind: 'int', min: 1, max: 8192, initial: 28 },
    width: { kind: 'int', min: 1, max: 8192, initial: 28 },
    channels: { kind: 'int', min: 1, max: 64, initial: 1, help: '1 for grey, 3 for colour' },
  },
  inputs: () => [],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.height} × ${p.width} × ${p.channels}`,
  infer: ({ params }) => ({ ok: true, outputs: { out: float(params.height, params.width, params.channels) } }),
  paramCount: () => 0,
  build: ({ params, layerName }) => ({
    out: tf.input({ shape: [params.height, params.width, params.channels], dtype: 'float32', name: layerName() }),
  }),
  importFrom: floatInputRule(3, ([height, width, channels]) => ({ height, width, channels }), 'ImageInput'),
});
