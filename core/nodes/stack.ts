import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { fail, lastDim, needKnownLast, needSequence } from './checks';
import { makeRecurrentLayer, RECURRENT_CELLS, recurrentParamCount } from './recurrent';
import { defineNode } from './spec';

export const Stack = defineNode({
  type: 'Stack',
  category: 'Stacking',
  role: 'recurrent',
  description: 'Several recurrent layers on top of each other, each with its own weights.',
  keywords: ['deep', 'layers', 'multi-layer', 'stacked rnn', 'stacked lstm', 'depth'],
  params: {
    cell: { kind: 'choice', options: RECURRENT_CELLS, default: 'LSTM' },
    layers: { kind: 'int', min: 1, max: 16, default: 2, help: 'how many recurrent layers' },
    units: { kind: 'int', min: 1, max: 4096, initial: 64, help: 'hidden size of every layer' },
    returnSequences: { kind: 'bool', default: false, initial: false, help: 'the last layer gives every step, not only the last' },
    dropout: { kind: 'float', min: 0, max: 1, maxExclusive: true, default: 0, help: 'dropout between layers, while training' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.layers} × ${p.cell} ${p.units}${p.returnSequences ? ', seq' : ''}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needSequence('in', x) ?? needKnownLast('in', x);
    if (bad) return fail(bad);
    return { ok: true, outputs: { out: params.returnSequences ? float(x.shape[0], params.units) : float(params.units) } };
  },
  paramCount: (p, inputs) => {
    // The first layer reads the input features; the ones above read `units`.
    const first = recurrentParamCount(p.cell, p.units, lastDim(inputs.in[0]), false);
    return first + (p.layers - 1) * recurrentParamCount(p.cell, p.units, p.units, false);
  },
  build: ({ params, inputs, layerName }) => {
    let x = inputs.in[0];
    for (let i = 1; i <= params.layers; i++) {
      const last = i === params.layers;
      const layer = makeRecurrentLayer(params.cell, {
        units: params.units,
        returnSequences: last ? params.returnSequences : true,
        // Keras's default gate activation; tfjs's own default (hardSigmoid) would not match an exported Keras model.
        recurrentActivation: 'sigmoid',
        name: layerName(String(i)),
      });
      x = layer.apply(x) as tf.SymbolicTensor;
      if (!last && params.dropout > 0) {
        x = tf.layers.dropout({ rate: params.dropout, name: layerName(`dropout_${i}`) }).apply(x) as tf.SymbolicTensor;
      }
    }
    return { out: x };
  },
});
