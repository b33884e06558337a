import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { describeType, fail, mismatch } from './checks';
import { py } from '../export/keras/python';
import { kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const Embedding = defineNode({
  type: 'Embedding',
  category: 'Layers',
  role: 'layer',
  description: 'Turns token ids into learned vectors of dim floats.',
  keywords: ['embedding', 'word vectors', 'lookup', 'tokens', 'vocabulary', 'one-hot'],
  params: {
    vocabSize: { kind: 'int', min: 1, max: 1000000, initial: 64, help: 'ids must be below this' },
    dim: { kind: 'int', min: 1, max: 4096, initial: 32, help: 'floats per token' },
    maskZero: { kind: 'bool', default: false, help: 'id 0 is padding: the layers after it skip those steps' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.vocabSize} → ${p.dim}${p.maskZero ? ', mask 0' : ''}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    if (x.dtype !== 'int32') {
      return fail(mismatch('in', `expects token ids [T] int, found floats: ${describeType(x)}; use a TokenInput, or a Dense to project float features`));
    }
    if (x.shape.length !== 1) return fail(mismatch('in', `expects token ids [T] int, found ${describeType(x)}`));
    return { ok: true, outputs: { out: float(x.shape[0], params.dim) } };
  },
  paramCount: (p) => p.vocabSize * p.dim,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers
      .embedding({ inputDim: params.vocabSize, outputDim: params.dim, maskZero: params.maskZero, name: layerName() })
      .apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    Embedding: { keras: ({ name, config: c }) => `layers.Embedding(${py(c.input_dim)}, ${py(c.output_dim)}, mask_zero=${py(!!c.mask_zero)}, ${kerasName(name)})`, step: 'per-step' },
  },
  importFrom: {
    classes: ['Embedding'],
    read: ({ layer: { config: c } }) => oneInput('Embedding', { vocabSize: c.input_dim, dim: c.output_dim, maskZero: !!c.mask_zero }),
  },
});
