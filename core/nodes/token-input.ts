import * as tf from '@tensorflow/tfjs';
import { int } from '../shapes/tensor-type';
import { inputLayerShape, isTokenInputLayer } from './layer-class';
import { FEEDBACK_PARAM, TIMESTEPS_PARAM } from './input-params';
import { defineNode } from './spec';

export const TokenInput = defineNode({
  type: 'TokenInput',
  category: 'Inputs',
  role: 'input',
  description: 'A sequence of token ids (characters, words): T integers below vocabSize.',
  keywords: ['text', 'characters', 'words', 'tokens', 'vocabulary', 'sentence', 'language model'],
  params: {
    timesteps: TIMESTEPS_PARAM,
    vocabSize: { kind: 'int', min: 1, max: 1000000, initial: 64, help: 'how many distinct ids there are' },
    feedback: FEEDBACK_PARAM,
  },
  inputs: () => [],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.timesteps ?? 'T'} ids < ${p.vocabSize}${p.feedback ? ` ⟲ ${p.feedback}` : ''}`,
  infer: ({ params }) => ({ ok: true, outputs: { out: int(params.timesteps) } }),
  paramCount: () => 0,
  build: ({ params, layerName }) => ({
    out: tf.input({ shape: [params.timesteps], dtype: 'int32', name: layerName() }),
  }),
  importFrom: {
    classes: ['InputLayer'],
    read: (ctx, problems) => {
      const shape = inputLayerShape(ctx.layer);
      if (!shape || !isTokenInputLayer(ctx)) return null;
      if (shape.length !== 1) problems.push(`token ids of shape [${shape}] (Seqwire token inputs are [T])`);
      const embedding = ctx.readers.find((r) => r.className === 'Embedding');
      return { type: 'TokenInput', params: { timesteps: shape[0] ?? null, vocabSize: embedding?.config.input_dim ?? 1 }, ports: [] };
    },
  },
});
