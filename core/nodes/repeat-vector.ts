import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { fail, needVector } from './checks';
import { py } from '../export/keras/python';
import { kerasName, oneInput } from './layer-class';
import { defineNode } from './spec';

export const RepeatVector = defineNode({
  type: 'RepeatVector',
  category: 'Layers',
  role: 'layer',
  description: 'Repeats a vector n times into a sequence, to start a decoder from it.',
  keywords: ['decoder start', 'encoder decoder', 'seq2seq', 'tile', 'bridge'],
  params: {
    n: { kind: 'int', min: 1, max: 100000, initial: 10, help: 'steps of the sequence it makes' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `× ${p.n}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needVector('in', x, x.shape.length === 2 ? '; it is already a sequence (set returnSequences to false on the node before it)' : '',
      x.shape.length === 2 ? { kind: 'set-upstream-param', param: 'returnSequences', value: false } : undefined);
    return bad ? fail(bad) : { ok: true, outputs: { out: float(params.n, x.shape[0]) } };
  },
  paramCount: () => 0,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers.repeatVector({ n: params.n, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: { RepeatVector: { keras: ({ name, config: c }) => `layers.RepeatVector(${py(c.n)}, ${kerasName(name)})` } },
  importFrom: { classes: ['RepeatVector'], read: ({ layer: { config: c } }) => oneInput('RepeatVector', { n: c.n }) },
});
