import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileChecked } from '../nodes/node-test-kit';
import { compileGraph, CompileError } from './compile';
import { makeGraph } from './fixture';

/** Runs the model on `inputs` and gives the first output's values. */
function predict(model: tf.LayersModel, inputs: tf.Tensor[]): number[] {
  return tf.tidy(() => {
    const out = model.predict(inputs);
    return Array.from((Array.isArray(out) ? out[0] : out).dataSync());
  });
}

const differ = (a: number[], b: number[]) => a.some((v, i) => Math.abs(v - b[i]) > 1e-6);

describe('compileGraph', () => {
  it("starts a decoder LSTM from an encoder LSTM's final h and c", () => {
    const graph = makeGraph(
      {
        source: ['TokenInput', { timesteps: null, vocabSize: 11 }],
        srcEmbed: ['Embedding', { vocabSize: 11, dim: 4 }],
        encoder: ['LSTM', { units: 6 }],
        targetIn: ['TokenInput', { timesteps: null, vocabSize: 13, feedback: 'target' }],
        tgtEmbed: ['Embedding', { vocabSize: 13, dim: 5 }],
        decoder: ['LSTM', { units: 6, returnSequences: true }],
        target: ['Output', { head: 'softmax', units: 13 }],
      },
      [
        'source.out -> srcEmbed.in',
        'srcEmbed.out -> encoder.in',
        'targetIn.out -> tgtEmbed.in',
        'tgtEmbed.out -> decoder.in',
        'encoder.h -> decoder.h0',
        'encoder.c -> decoder.c0',
        'decoder.out -> target.in',
      ],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(graph);
    const lstm = (f: number, u: number) => 4 * (u * (f + u) + u);
    expect(ourParams).toBe(11 * 4 + lstm(4, 6) + 13 * 5 + lstm(5, 6) + 6 * 13 + 13);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.inputs.map((i) => [i.nodeId, i.feedback])).toEqual([['source', null], ['targetIn', 'target']]);
    expect(compiled.outputs).toMatchObject([{ nodeId: 'target', head: 'softmax', units: 13, type: { shape: [null, 13] } }]);

    // The decoder's output must depend on the source sentence, or the state wire did nothing.
    const targetIds = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
    const a = predict(compiled.model, [tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32'), targetIds]);
    const b = predict(compiled.model, [tf.tensor2d([[5, 6, 7, 8]], [1, 4], 'int32'), targetIds]);
    expect(a).toHaveLength(3 * 13);
    expect(differ(a, b)).toBe(true);
  });

  it('starts a caption decoder from a Dense-projected image vector through h0 alone', () => {
    const graph = makeGraph(
      {
        image: ['ImageInput', { height: 8, width: 8, channels: 1 }],
        conv: ['Conv2D', { filters: 2, kernelSize: 3 }],
        pool: ['MaxPool2D', {}],
        flat: ['Flatten', {}],
        project: ['Dense', { units: 6, activation: 'tanh' }],
        words: ['TokenInput', { timesteps: 5, vocabSize: 9, feedback: 'caption' }],
        embed: ['Embedding', { vocabSize: 9, dim: 3 }],
        decoder: ['LSTM', { units: 6, returnSequences: true }],
        caption: ['Output', { head: 'softmax', units: 9 }],
      },
      [
        'image.out -> conv.in',
        'conv.out -> pool.in',
        'pool.out -> flat.in',
        'flat.out -> project.in',
        'words.out -> embed.in',
        'embed.out -> decoder.in',
        'project.out -> decoder.h0',
        'decoder.out -> caption.in',
      ],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(graph);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, 5, 9]);
    const words = tf.tensor2d([[1, 2, 3, 4, 5]], [1, 5], 'int32');
    const a = predict(compiled.model, [tf.zeros([1, 8, 8, 1]), words]);
    const b = predict(compiled.model, [tf.randomUniform([1, 8, 8, 1], 0, 1, 'float32', 3), words]);
    expect(differ(a, b)).toBe(true);
  });

  it('throws a CompileError carrying the diagnostics of an invalid graph', () => {
    const graph = makeGraph(
      { v: ['VectorInput', { size: 4 }], rnn: ['LSTM', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['v.out -> rnn.in', 'rnn.out -> y.in'],
    );
    let error: unknown;
    try {
      compileGraph(graph);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).diagnostics).toMatchObject([{ code: 'shape-mismatch', nodeId: 'rnn', port: 'in' }]);
    expect((error as CompileError).message).toContain('rnn: expects a sequence [T, F], found a vector [4]');
  });

  it('leaves out nodes that lead to no Output, and gives outputs in file order', () => {
    const graph = makeGraph(
      {
        b: ['Output', { head: 'sigmoid', units: 2 }],
        x: ['VectorInput', { size: 3 }],
        spare: ['VectorInput', { size: 5 }],
        unused: ['Dense', { units: 100 }],
        a: ['Output', { head: 'linear', units: 1 }],
      },
      ['x.out -> a.in', 'x.out -> b.in', 'spare.out -> unused.in'],
    );
    const { compiled, analysis } = compileChecked(graph);
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['unused-node', 'unused-node']);
    expect(compiled.inputs.map((i) => i.nodeId)).toEqual(['x']);
    expect(compiled.outputs.map((o) => o.nodeId)).toEqual(['b', 'a']);
    expect(compiled.model.countParams()).toBe(3 * 2 + 2 + 3 + 1);
  });

  it('names layers after node ids, Stack layers id_1..n, and keeps names unique', () => {
    const graph = makeGraph(
      {
        'in put': ['SequenceInput', { timesteps: 4, features: 2 }],
        rnn: ['Stack', { cell: 'GRU', layers: 3, units: 3, dropout: 0.1 }],
        rnn_1: ['Dense', { units: 2 }],
        out: ['Output', { head: 'linear', units: 1 }],
      },
      ['in put.out -> rnn.in', 'rnn.out -> rnn_1.in', 'rnn_1.out -> out.in'],
    );
    const { compiled } = compileChecked(graph);
    const names = compiled.model.layers.map((l) => l.name);
    expect(names).toEqual(['in_put', 'rnn_1', 'rnn_dropout_1', 'rnn_2', 'rnn_dropout_2', 'rnn_3', 'rnn_1_2', 'out']);
    expect(new Set(names).size).toBe(names.length);
  });
});
