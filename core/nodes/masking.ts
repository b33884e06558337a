import * as tf from '@tensorflow/tfjs';
import { fail, needSequence } from './checks';
import { py } from '../export/keras/python';
import { kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const Masking = defineNode({
  type: 'Masking',
  category: 'Layers',
  role: 'layer',
  description: 'Marks the steps whose features all equal maskValue as padding, so the recurrent layers after it skip them (variable-length sequences).',
  params: {
    maskValue: { kind: 'float', min: -1e9, max: 1e9, default: 0, help: 'a step whose every feature is this value is padding' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `= ${p.maskValue}`,
  infer: ({ inputs }) => {
    const x = inputs.in[0];
    const bad = needSequence('in', x);
    return bad ? fail(bad) : { ok: true, outputs: { out: x } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.masking({ maskValue: params.maskValue, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: { Masking: { keras: ({ name, config: c }) => `layers.Masking(mask_value=${py(c.mask_value ?? 0)}, ${kerasName(name)})`, step: 'per-step' } },
  importFrom: { classes: ['Masking'], read: ({ layer: { config: c } }) => oneInput('Masking', { maskValue: c.mask_value ?? 0 }) },
});
