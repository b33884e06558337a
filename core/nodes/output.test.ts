import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { feedbackSampleType, Output } from './output';

describe('Output', () => {
  it('applies at every step on a sequence and once on a vector', () => {
    expect(inferNode(Output, { head: 'softmax', units: 10 }, { in: [float(null, 32)] })).toEqual({ ok: true, outputs: { out: float(null, 10) } });
    expect(inferNode(Output, { head: 'sigmoid', units: 3 }, { in: [float(32)] })).toEqual({ ok: true, outputs: { out: float(3) } });
    expect(inferNode(Output, { head: 'linear', units: 1 }, { in: [float(20, 32)] })).toEqual({ ok: true, outputs: { out: float(20, 1) } });
  });

  it('gives 6 × mixtures + 3 raw values per step with an mdn head, needing no units', () => {
    expect(inferNode(Output, { head: 'mdn' }, { in: [float(null, 64)] })).toEqual({ ok: true, outputs: { out: float(null, 123) } });
    expect(inferNode(Output, { head: 'mdn', mixtures: 5 }, { in: [float(null, 64)] })).toEqual({ ok: true, outputs: { out: float(null, 33) } });
  });

  it('asks for units on softmax, sigmoid and linear heads', () => {
    for (const head of ['softmax', 'sigmoid', 'linear']) {
      expect(issuesOf(inferNode(Output, { head }, { in: [float(8)] }))).toMatchObject([{ code: 'missing-param' }]);
    }
  });

  it('refuses token ids and an image', () => {
    expect(issuesOf(inferNode(Output, { head: 'softmax', units: 4 }, { in: [int(null)] }))[0].message).toContain('put an Embedding');
    expect(issuesOf(inferNode(Output, { head: 'softmax', units: 4 }, { in: [float(8, 8, 1)] }))[0].message).toContain('add a Flatten');
  });

  it('has no output port in the graph', () => {
    expect(Output.outputs({ head: 'softmax', units: 4, mixtures: 20 })).toEqual([]);
  });

  it('samples one class (an id for token inputs, one-hot otherwise), [units] values, or a stroke-5 step', () => {
    expect(feedbackSampleType({ head: 'softmax', units: 30, mixtures: 20 }, 'TokenInput')).toEqual(int());
    expect(feedbackSampleType({ head: 'softmax', units: 30, mixtures: 20 }, 'SequenceInput')).toEqual(float(30));
    expect(feedbackSampleType({ head: 'sigmoid', units: 4, mixtures: 20 }, 'SequenceInput')).toEqual(float(4));
    expect(feedbackSampleType({ head: 'linear', units: 2, mixtures: 20 }, 'SequenceInput')).toEqual(float(2));
    expect(feedbackSampleType({ head: 'mdn', units: null, mixtures: 20 }, 'SequenceInput')).toEqual(float(5));
  });

  it.each([
    ['softmax', { units: 7 }, 7],
    ['sigmoid', { units: 2 }, 2],
    ['linear', { units: 1 }, 1],
    ['mdn', { mixtures: 3 }, 21],
  ])('with a %s head compiles to F × width + width parameters, with its loss', (head, params, width) => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: null, features: 5 }], rnn: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head, ...params }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { analysis, compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(analysis.nodes.get('y')!.paramCount).toBe(4 * width + width);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.outputs).toMatchObject([{ nodeId: 'y', head, units: width, type: float(null, width) }]);
    expect(compiled.model.outputs[0].shape).toEqual([null, null, width]);
    // The loss takes the model's own output and a target of the dataset's shape.
    const yPred = compiled.model.predict(tf.zeros([2, 3, 5])) as tf.Tensor;
    const yTrue = head === 'mdn' ? tf.tensor3d(Array(6).fill([0.1, 0.2, 1, 0, 0]).flat(), [2, 3, 5]) : head === 'softmax' ? tf.zeros([2, 3]) : tf.zeros([2, 3, width]);
    expect(Number.isFinite(compiled.outputs[0].loss(yTrue, yPred).dataSync()[0])).toBe(true);
  });
});
