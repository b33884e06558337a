import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { floatInputRule } from './layer-class';
import { FEEDBACK_PARAM, TIMESTEPS_PARAM } from './input-params';
import { defineNode } from './spec';

export const SequenceInput = defineNode({
  type: 'SequenceInput',
  category: 'Inputs',
  role: 'input',
  description: 'A sequence of feature vectors: T steps of F floats.',
  keywords: ['time series', 'features', 'strokes', 'pen', 'handwriting', 'sensor', 'sequence', 'data'],
  params: {
    timesteps: TIMESTEPS_PARAM,
    features: { kind: 'int', min: 1, max: 100000, initial: 8, help: 'floats per step' },
    feedback: FEEDBACK_PARAM,
  },
  inputs: () => [],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.timesteps ?? 'T'} × ${p.features}${p.feedback ? ` ⟲ ${p.feedback}` : ''}`,
  infer: ({ params }) => ({ ok: true, outputs: { out: float(params.timesteps, params.features) } }),
  paramCount: () => 0,
  build: ({ params, layerName }) => ({
    out: tf.input({ shape: [params.timesteps, params.features], dtype: 'float32', name: layerName() }),
  }),
  importFrom: floatInputRule(2, ([timesteps, features]) => ({ timesteps: timesteps ?? null, features }), 'SequenceInput'),
});
