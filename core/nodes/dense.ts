import * as tf from '@tensorflow/tfjs';
import { formatType } from '../shapes/tensor-type';
import { py } from '../export/keras/python';
import { importActivation, kerasActivation, kerasName, oneInput, unwrapTimeDistributed, type LayerClass } from './layer-class';
import { defineNode } from './spec';

export const ACTIVATIONS = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax', 'elu', 'selu', 'softplus', 'swish'] as const;

/** A tfjs Dense layer in Keras; Output heads build the same class. */
export const DENSE_LAYER: LayerClass = {
  keras: ({ name, config: c }) => `layers.Dense(${py(c.units)}, activation=${kerasActivation(c.activation, name)}, use_bias=${py(c.use_bias ?? true)}, ${kerasName(name)})`,
  step: 'per-step',
};

export const Dense = defineNode({
  type: 'Dense',
  category: 'Layers',
  role: 'layer',
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
  layerClasses: { Dense: DENSE_LAYER },
  importFrom: {
    // A Dense giving a model output is an Output head's (see output.ts).
    classes: ['Dense', 'TimeDistributed'],
    read: ({ layer, isModelOutput }, problems) => {
      const config = unwrapTimeDistributed(layer, 'Dense');
      if (!config || isModelOutput) return null;
      if (config.use_bias === false) problems.push('use_bias=False');
      return oneInput('Dense', { units: config.units, activation: importActivation(config.activation) });
    },
  },
});
