import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needSequence } from './checks';
import { py } from '../export/keras/python';
import { single } from './conv1d';
import { kerasName, kerasPair, oneInput } from './layer-class';
import { defineNode } from './spec';

export const MaxPool1D = defineNode({
  type: 'MaxPool1D',
  category: 'Layers',
  role: 'layer',
  description: 'Keeps the largest value of every poolSize steps, shortening the sequence.',
  params: {
    poolSize: { kind: 'int', min: 1, max: 256, default: 2 },
    padding: { kind: 'choice', options: ['valid', 'same'], default: 'valid', help: 'valid drops the steps left over; same pools them too' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.poolSize}${p.padding === 'same' ? ', same' : ''}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needSequence('in', x);
    if (bad) return fail(bad);
    const [t, f] = x.shape;
    // Keras defaults: strides = poolSize.
    const steps = t === null ? null : params.padding === 'same' ? Math.ceil(t / params.poolSize) : Math.floor(t / params.poolSize);
    if (steps !== null && steps < 1) return fail(mismatch('in', `a pool of ${params.poolSize} steps does not fit ${describeType(x)}; use a smaller poolSize`));
    return { ok: true, outputs: { out: float(steps, f) } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.maxPooling1d({ poolSize: params.poolSize, padding: params.padding, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    MaxPooling1D: {
      keras: ({ name, config: c }) => `layers.MaxPooling1D(pool_size=${kerasPair(c.pool_size ?? 2)}, strides=${kerasPair(c.strides ?? c.pool_size ?? 2)}, padding=${py(c.padding ?? 'valid')}, ${kerasName(name)})`,
    },
  },
  importFrom: {
    classes: ['MaxPooling1D', 'MaxPool1D'],
    read: ({ layer: { config: c } }, problems) => {
      const pool = single(c.pool_size ?? 2);
      if (c.strides !== undefined && c.strides !== null && single(c.strides) !== pool) problems.push('strides other than the pool size');
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      return oneInput('MaxPool1D', { poolSize: pool, padding: c.padding ?? 'valid' });
    },
  },
});
