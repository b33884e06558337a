import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { firstLastRatio, gradientFlow, nodeIdOfLayer } from './gradient-flow';
import { compileSeeded } from './train-graph';

await tf.setBackend('cpu');

describe('gradientFlow', () => {
  it('equals the gradient with respect to the model input when the recurrent layer reads the input directly', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 5, features: 3 }], rnn: ['SimpleRNN', { units: 4 }], y: ['Output', { head: 'linear', units: 2 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const compiled = compileSeeded(graph, 3);
    const xs = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 1);
    const ys = tf.randomNormal([4, 2], 0, 1, 'float32', 2);
    const [flow] = gradientFlow(compiled, [xs], [ys], ['x', 'rnn', 'y']);
    const direct = tf.tidy(() => {
      const g = tf.grad((x: tf.Tensor) => compiled.outputs[0].loss(ys, compiled.model.apply(x) as tf.Tensor))(xs);
      return Array.from(tf.mean(tf.sqrt(tf.sum(tf.square(g), -1)), 0).dataSync());
    });
    expect(flow.nodeId).toBe('rnn');
    expect(flow.inputNorms).toHaveLength(5);
    flow.inputNorms!.forEach((v, t) => expect(v).toBeCloseTo(direct[t], 6));
    tf.dispose([xs, ys]);
  });

  it('measures dLoss/dh_t: through a linear RNN with recurrent matrix 0.5 × I it halves at every step back', () => {
    for (const goBackwards of [false, true]) {
      const graph = makeGraph(
        {
          x: ['SequenceInput', { timesteps: 6, features: 2 }],
          rnn: ['SimpleRNN', { units: 3, activation: 'linear', recurrentInitializer: 'identity', recurrentGain: 0.5, goBackwards }],
          y: ['Output', { head: 'linear', units: 1 }],
        },
        ['x.out -> rnn.in', 'rnn.out -> y.in'],
      );
      const compiled = compileSeeded(graph, 2);
      const xs = tf.randomNormal([3, 6, 2], 0, 1, 'float32', 1);
      const ys = tf.randomNormal([3, 1], 0, 1, 'float32', 2);
      const [flow] = gradientFlow(compiled, [xs], [ys], ['x', 'rnn', 'y']);
      expect(flow.of).toBe('state');
      // In input time: a backwards layer's last state is the one after reading step 0.
      const byStepsBack = goBackwards ? flow.norms : [...flow.norms].reverse();
      byStepsBack.forEach((v, k) => expect(v / byStepsBack[0]).toBeCloseTo(0.5 ** k, 6));
      expect(firstLastRatio(flow)).toBeCloseTo(goBackwards ? 32 : 1 / 32, 5);
      tf.dispose([xs, ys]);
    }
  });

  it('gives an LSTM its cell state gradient too, and a bidirectional layer one curve over both directions', () => {
    const graph = makeGraph(
      {
        x: ['SequenceInput', { timesteps: 4, features: 2 }],
        lstm: ['LSTM', { units: 3, returnSequences: true }],
        bi: ['GRU', { units: 3, bidirectional: 'concat' }],
        y: ['Output', { head: 'linear', units: 1 }],
      },
      ['x.out -> lstm.in', 'lstm.out -> bi.in', 'bi.out -> y.in'],
    );
    const compiled = compileSeeded(graph, 2);
    const xs = tf.randomNormal([3, 4, 2], 0, 1, 'float32', 1);
    const ys = tf.randomNormal([3, 1], 0, 1, 'float32', 2);
    const flows = gradientFlow(compiled, [xs], [ys], ['x', 'lstm', 'bi', 'y']);
    expect(flows.map((f) => [f.nodeId, f.norms.length, f.cellNorms?.length ?? 0])).toEqual([['lstm', 4, 4], ['bi', 4, 0]]);
    // Both directions feed the output, so every step of the bidirectional layer hears the loss.
    expect(flows[1].norms.every((v) => v > 0)).toBe(true);
    tf.dispose([xs, ys]);
  });

  it('measures each layer of a Stack behind an Embedding, and leaves no tensors behind', () => {
    const graph = makeGraph(
      {
        ids: ['TokenInput', { timesteps: 7, vocabSize: 10 }],
        emb: ['Embedding', { vocabSize: 10, dim: 4 }],
        stack: ['Stack', { cell: 'GRU', layers: 2, units: 5 }],
        y: ['Output', { head: 'softmax', units: 3 }],
      },
      ['ids.out -> emb.in', 'emb.out -> stack.in', 'stack.out -> y.in'],
    );
    const compiled = compileSeeded(graph, 1);
    const xs = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7], [7, 6, 5, 4, 3, 2, 1]], [2, 7], 'int32');
    const ys = tf.tensor1d([0, 2], 'float32');
    gradientFlow(compiled, [xs], [ys], ['ids', 'emb', 'stack', 'y']);
    const before = tf.memory().numTensors;
    const flows = gradientFlow(compiled, [xs], [ys], ['ids', 'emb', 'stack', 'y']);
    expect(tf.memory().numTensors).toBe(before);
    expect(flows.map((f) => f.nodeId)).toEqual(['stack', 'stack']);
    for (const f of flows) {
      expect(f.norms).toHaveLength(7);
      expect(f.norms.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    }
    tf.dispose([xs, ys]);
  });

  it('names a layer by the longest node id its name starts with', () => {
    expect(nodeIdOfLayer('rnn_2', ['r', 'rnn', 'rnn_x'])).toBe('rnn');
    expect(nodeIdOfLayer('enc_dec', ['enc', 'enc_dec'])).toBe('enc_dec');
    expect(nodeIdOfLayer('lonely', ['a'])).toBe('lonely');
  });
});

