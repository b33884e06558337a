import * as tf from '@tensorflow/tfjs';
import { fail, lastDim, mismatch, needFloats, needKnownLast } from './checks';
import { py } from '../export/keras/python';
import { kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const BatchNorm = defineNode({
  type: 'BatchNorm',
  category: 'Layers',
  role: 'layer',
  description: 'Normalises each feature (the last axis) by batch statistics while training and by their moving averages after; the shape is unchanged.',
  params: {
    momentum: { kind: 'float', min: 0, max: 1, maxExclusive: true, default: 0.99, help: 'how slowly the moving mean and variance follow the batches' },
    epsilon: { kind: 'float', min: 0, max: 1, default: 0.001, help: 'added to the variance before dividing' },
    center: { kind: 'bool', default: true, help: 'learn an offset (beta)' },
    scale: { kind: 'bool', default: true, help: 'learn a scale (gamma)' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => (p.momentum === 0.99 ? '' : `momentum ${p.momentum}`),
  infer: ({ inputs }) => {
    const x = inputs.in[0];
    if (x.shape.length < 1) return fail(mismatch('in', 'expects features on a last axis, found a scalar'));
    const bad = needFloats('in', x) ?? needKnownLast('in', x);
    return bad ? fail(bad) : { ok: true, outputs: { out: x } };
  },
  // Keras counts all four vectors: gamma and beta (trained), the moving mean and variance (not trained).
  paramCount: (p, inputs) => (2 + Number(p.center) + Number(p.scale)) * lastDim(inputs.in[0]),
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers
      .batchNormalization({ axis: -1, momentum: params.momentum, epsilon: params.epsilon, center: params.center, scale: params.scale, name: layerName() })
      .apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    BatchNormalization: {
      keras: ({ name, config: c }) =>
        `layers.BatchNormalization(axis=-1, momentum=${py(c.momentum ?? 0.99)}, epsilon=${py(c.epsilon ?? 0.001)}, center=${py(c.center ?? true)}, scale=${py(c.scale ?? true)}, ${kerasName(name)})`,
      // After training it is a fixed affine map of each step's features.
      step: 'per-step',
    },
  },
  importFrom: {
    classes: ['BatchNormalization'],
    read: ({ layer: { config: c } }, problems) => {
      const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : (c.axis ?? -1);
      if (axis !== -1) problems.push(`axis ${JSON.stringify(c.axis)} (Seqwire normalises the last axis, written -1)`);
      if (c.renorm) problems.push('renorm=True');
      return oneInput('BatchNorm', { momentum: c.momentum ?? 0.99, epsilon: c.epsilon ?? 0.001, center: c.center ?? true, scale: c.scale ?? true });
    },
  },
});
