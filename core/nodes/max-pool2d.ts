import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needImage } from './checks';
import { py } from '../export/keras/python';
import { importSquare, kerasName, kerasPair, oneInput } from './layer-class';
import { defineNode } from './spec';

export const MaxPool2D = defineNode({
  type: 'MaxPool2D',
  category: 'Layers',
  role: 'layer',
  description: 'Keeps the largest value of each poolSize × poolSize patch, shrinking the image.',
  keywords: ['pooling', 'downsample', 'subsample', 'cnn'],
  params: {
    poolSize: { kind: 'int', min: 1, max: 64, default: 2 },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.poolSize} × ${p.poolSize}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needImage('in', x);
    if (bad) return fail(bad);
    const [h, w, c] = x.shape as number[];
    // Keras defaults: strides = poolSize, padding valid, so sizes round down.
    const outH = Math.floor(h / params.poolSize);
    const outW = Math.floor(w / params.poolSize);
    if (outH < 1 || outW < 1) {
      return fail(mismatch('in', `a ${params.poolSize} × ${params.poolSize} pool does not fit ${describeType(x)}; use a smaller poolSize`));
    }
    return { ok: true, outputs: { out: float(outH, outW, c) } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.maxPooling2d({ poolSize: params.poolSize, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    MaxPooling2D: {
      keras: ({ name, config: c }) =>
        `layers.MaxPooling2D(pool_size=${kerasPair(c.pool_size ?? 2)}, strides=${kerasPair(c.strides ?? c.pool_size ?? 2)}, padding=${py(c.padding ?? 'valid')}, ${kerasName(name)})`,
    },
  },
  importFrom: {
    classes: ['MaxPooling2D'],
    read: ({ layer: { config: c } }, problems) => {
      const pool = importSquare(c.pool_size ?? 2, 'pool_size', problems);
      if (c.strides !== undefined && c.strides !== null && importSquare(c.strides, 'strides', problems) !== pool) problems.push('strides other than the pool size');
      return oneInput('MaxPool2D', { poolSize: pool });
    },
  },
});
