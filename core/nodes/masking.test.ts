import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Masking } from './masking';

describe('Masking', () => {
  it('keeps the shape of a sequence', () => {
    expect(inferNode(Masking, {}, { in: [float(null, 3)] })).toEqual({ ok: true, outputs: { out: float(null, 3) } });
  });

  it('refuses a vector', () => {
    expect(issuesOf(inferNode(Masking, {}, { in: [float(3)] }))[0].message).toContain('expects a sequence');
  });

  it('makes the LSTM after it skip padded steps, as Keras does: padding at the end changes nothing', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: null, features: 2 }], mask: ['Masking', { maskValue: -1 }], rnn: ['LSTM', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> mask.in', 'mask.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(tfjsParams).toBe(ourParams);
    const short = tf.tensor3d([[[0.5, 0.1], [0.2, -0.3]]]);
    const padded = tf.tensor3d([[[0.5, 0.1], [0.2, -0.3], [-1, -1], [-1, -1]]]);
    const a = (compiled.model.predict(short) as tf.Tensor).dataSync()[0];
    const b = (compiled.model.predict(padded) as tf.Tensor).dataSync()[0];
    expect(b).toBeCloseTo(a, 6);
  });
});
