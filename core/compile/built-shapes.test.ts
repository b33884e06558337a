import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { assertBuiltShapes, BuiltShapeError } from './built-shapes';
import { makeGraph } from './fixture';
import { compileGraph } from './compile';

describe('the built shapes against the shape rule', () => {
  it('passes a tensor of the analysed shape and dtype, batch axis aside', () => {
    const x = tf.input({ shape: [null, 4] });
    expect(() => assertBuiltShapes('x', 'SequenceInput', { out: float(null, 4) }, { out: x })).not.toThrow();
  });

  it('throws a bug report naming the node, the port and both shapes when they differ', () => {
    const x = tf.input({ shape: [5, 4] });
    expect(() => assertBuiltShapes('rnn', 'LSTM', { out: float(null, 4) }, { out: x })).toThrow(BuiltShapeError);
    expect(() => assertBuiltShapes('rnn', 'LSTM', { out: float(null, 4) }, { out: x })).toThrow(/node "rnn" \(LSTM\): port out was built as \[5, 4\] float32 but its shape rule says \[T, 4\]/);
  });

  it('throws when the dtype differs, or a port was built that the rule does not give', () => {
    const ids = tf.input({ shape: [3], dtype: 'int32' });
    expect(() => assertBuiltShapes('t', 'TokenInput', { out: float(3) }, { out: ids })).toThrow(/int32/);
    expect(() => assertBuiltShapes('t', 'TokenInput', { out: int(3) }, { h: ids })).toThrow(/port h, which its shape rule does not give/);
  });

  it('holds for a compiled graph with state wires, where every node is checked as it is built', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 4, features: 2 }], enc: ['LSTM', { units: 3 }], dec: ['GRU', { units: 3, returnSequences: true }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> enc.in', 'x.out -> dec.in', 'enc.h -> dec.h0', 'dec.out -> y.in'],
    );
    expect(compileGraph(graph).model.outputs[0].shape).toEqual([null, 4, 1]);
  });
});
