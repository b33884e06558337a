import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { BatchNorm } from './batch-norm';

describe('BatchNorm', () => {
  it('keeps the shape of a vector, a sequence or an image', () => {
    for (const t of [float(4), float(null, 4), float(5, 5, 2)]) expect(inferNode(BatchNorm, {}, { in: [t] })).toEqual({ ok: true, outputs: { out: t } });
  });

  it('refuses token ids, and a last axis of unknown size', () => {
    expect(issuesOf(inferNode(BatchNorm, {}, { in: [int(null)] }))[0].message).toContain('put an Embedding before it');
    expect(issuesOf(inferNode(BatchNorm, {}, { in: [float(4, null)] }))[0].message).toContain('known feature size');
  });

  it.each([
    [true, true, 4],
    [false, true, 3],
    [false, false, 2],
  ])('counts its vectors as Keras does, moving statistics included (center %s, scale %s), and as tfjs does', (center, scale, vectors) => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 6, features: 3 }], norm: ['BatchNorm', { center, scale }], rnn: ['GRU', { units: 2 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> norm.in', 'norm.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { analysis, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(analysis.nodes.get('norm')!.paramCount).toBe(vectors * 3);
    expect(tfjsParams).toBe(ourParams);
  });

  it('normalises by its moving statistics when predicting', () => {
    const graph = makeGraph({ x: ['VectorInput', { size: 2 }], norm: ['BatchNorm', { epsilon: 0 }], y: ['Output', { head: 'linear', units: 1 }] }, ['x.out -> norm.in', 'norm.out -> y.in']);
    const { compiled } = compileChecked(graph);
    const layer = compiled.model.getLayer('norm');
    layer.setWeights([tf.tensor1d([2, 1]), tf.tensor1d([0.5, 0]), tf.tensor1d([1, -1]), tf.tensor1d([4, 1])]);
    const out = tf.model({ inputs: compiled.model.inputs, outputs: layer.output as tf.SymbolicTensor }).predict(tf.tensor2d([[3, 1]])) as tf.Tensor;
    expect(Array.from(out.dataSync())).toEqual([2 * ((3 - 1) / 2) + 0.5, 1 * ((1 + 1) / 1)]);
  });
});
