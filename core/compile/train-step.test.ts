import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileChecked } from '../nodes/node-test-kit';
import { makeGraph } from './fixture';

/**
 * One optimiser step through a model holding every node type, with dropout on,
 * as the trainer runs it: every weight gets a finite gradient and moves. A
 * layer cut off from the loss, or a custom layer without a gradient, fails here.
 */
describe('a compiled model trains', () => {
  it('with every node type at once: finite loss, every weight moved', () => {
    const graph = makeGraph(
      {
        img: ['ImageInput', { height: 6, width: 6, channels: 1 }],
        conv: ['Conv2D', { filters: 2, kernelSize: 3 }],
        pool: ['MaxPool2D', {}],
        flat: ['Flatten', {}],
        proj: ['Dense', { units: 4, activation: 'tanh' }],
        rep: ['RepeatVector', { n: 3 }],
        ids: ['TokenInput', { timesteps: 3, vocabSize: 7 }],
        emb: ['Embedding', { vocabSize: 7, dim: 4, maskZero: true }],
        seq: ['SequenceInput', { timesteps: 3, features: 4 }],
        vec: ['VectorInput', { size: 4 }],
        sum: ['Add', {}],
        drop: ['Dropout', { rate: 0.1 }],
        lstm: ['LSTM', { units: 4, returnSequences: true, dropout: 0.1, recurrentDropout: 0.1 }],
        gru: ['GRU', { units: 4, returnSequences: true }],
        rnn: ['SimpleRNN', { units: 4, returnSequences: true, bidirectional: 'sum' }],
        att: ['Attention', {}],
        join: ['Concatenate', {}],
        stack: ['Stack', { cell: 'GRU', layers: 2, units: 3, returnSequences: true, dropout: 0.1 }],
        classes: ['Output', { head: 'softmax', units: 7 }],
        pen: ['Output', { head: 'mdn', mixtures: 2 }],
      },
      [
        'img.out -> conv.in', 'conv.out -> pool.in', 'pool.out -> flat.in', 'flat.out -> proj.in', 'proj.out -> rep.in',
        'ids.out -> emb.in', 'emb.out -> sum.in', 'rep.out -> sum.in', 'seq.out -> sum.in', 'sum.out -> drop.in',
        'drop.out -> lstm.in', 'vec.out -> lstm.h0', 'lstm.out -> gru.in', 'lstm.h -> gru.h0', 'gru.out -> rnn.in',
        'rnn.out -> att.query', 'lstm.out -> att.values', 'att.out -> join.in', 'gru.out -> join.in', 'join.out -> stack.in',
        'stack.out -> classes.in', 'stack.out -> pen.in',
      ],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(graph);
    expect(tfjsParams).toBe(ourParams);
    const xs = [
      tf.randomUniform([2, 6, 6, 1], 0, 1, 'float32', 1),
      tf.tensor2d([[1, 2, 0], [3, 4, 5]], [2, 3], 'int32'),
      tf.randomNormal([2, 3, 4], 0, 1, 'float32', 2),
      tf.randomNormal([2, 4], 0, 1, 'float32', 3),
    ];
    const targets = [tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor3d(Array(6).fill([0.1, -0.1, 1, 0, 0]).flat(), [2, 3, 5])];
    const before = compiled.model.trainableWeights.map((w) => w.read().clone());
    const optimizer = tf.train.adam(0.01);
    const cost = optimizer.minimize(() => {
      const outs = compiled.model.apply(xs, { training: true }) as tf.Tensor[];
      return tf.addN(compiled.outputs.map((o, i) => o.loss(targets[i], outs[i]))) as tf.Scalar;
    }, true)!;
    expect(Number.isFinite(cost.dataSync()[0])).toBe(true);
    const unmoved = compiled.model.trainableWeights.filter((w, i) => tf.max(tf.abs(tf.sub(w.read(), before[i]))).dataSync()[0] === 0).map((w) => w.name);
    expect(unmoved).toEqual([]);
  });
});
