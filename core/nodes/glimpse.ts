import type * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needFloats } from './checks';
import { glimpseReader } from './glimpse-layer';
import { KerasExportError } from './layer-class';
import { defineNode } from './spec';

/**
 * `Glimpse`: reads an image in a few glimpses, deciding from its LSTM state
 * where to look next (glimpse-layer.ts). `out` is the state after the last
 * glimpse (put a softmax Output on it for the class); `where` is, per
 * glimpse, the centre x and y, the stride, the blur σ and the gain of the
 * grid it read, for drawing the boxes.
 */
export const Glimpse = defineNode({
  type: 'Glimpse',
  category: 'Recurrent',
  role: 'layer',
  description: 'Reads an image glimpse by glimpse: an LSTM decides where the next n × n Gaussian grid looks (DRAW read).',
  params: {
    glimpses: { kind: 'int', min: 1, max: 64, default: 4, help: 'how many glimpses (steps)' },
    grid: { kind: 'int', min: 1, max: 64, default: 6, help: 'the n of the n × n grid of Gaussian filters read at each glimpse' },
    units: { kind: 'int', min: 1, max: 4096, initial: 128, help: 'size of the LSTM state' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }, { name: 'where' }],
  summary: (p) => `${p.glimpses} × ${p.grid}², LSTM ${p.units}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needFloats('in', x);
    if (bad) return fail(bad);
    if (x.shape.length !== 3 || x.shape.some((d) => d === null)) return fail(mismatch('in', `expects an image [H, W, C] of known size, found ${describeType(x)}`));
    return { ok: true, outputs: { out: float(params.units), where: float(params.glimpses, 5) } };
  },
  paramCount: (p, inputs) => {
    const channels = inputs.in[0].shape[2] ?? 1;
    const u = p.units;
    return p.grid * p.grid * channels * 4 * u + u * 4 * u + 4 * u + u * 5 + 5;
  },
  build: ({ params, inputs, layerName }) => {
    const [out, where] = new (glimpseReader())({ units: params.units, glimpses: params.glimpses, grid: params.grid, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor[];
    return { out, where };
  },
  layerClasses: {
    SeqwireGlimpseReader: {
      keras: ({ name }) => {
        throw new KerasExportError(
          `layer "${name}" is a Glimpse reader (a DRAW-style Gaussian read steered by an LSTM), which Keras has no layer for; the TensorFlow.js export (seqwire export --tfjs) carries it`,
        );
      },
      outputs: () => 2,
    },
  },
  importFrom: {
    classes: ['SeqwireGlimpseReader'],
    read: ({ layer: { config: c } }) => ({ type: 'Glimpse', params: { units: c.units, glimpses: c.glimpses, grid: c.grid }, ports: ['in'] }),
  },
});
