import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Activation } from './activation';

describe('Activation', () => {
  it('keeps the shape', () => {
    expect(inferNode(Activation, { activation: 'tanh' }, { in: [float(null, 3)] })).toEqual({ ok: true, outputs: { out: float(null, 3) } });
  });

  it('refuses token ids', () => {
    expect(issuesOf(inferNode(Activation, { activation: 'relu' }, { in: [int(3)] }))).toMatchObject([{ code: 'shape-mismatch', port: 'in' }]);
  });

  it('has no parameters and applies its function', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 4, features: 2 }], rnn: ['LSTM', { units: 3, returnSequences: true }], act: ['Activation', { activation: 'relu' }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> rnn.in', 'rnn.out -> act.in', 'act.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(tfjsParams).toBe(ourParams);
    const act = compiled.model.getLayer('act');
    const out = tf.model({ inputs: compiled.model.inputs, outputs: act.output as tf.SymbolicTensor }).predict(tf.randomNormal([2, 4, 2], 0, 3, 'float32', 1)) as tf.Tensor;
    expect(Math.min(...out.dataSync())).toBeGreaterThanOrEqual(0);
  });
});
