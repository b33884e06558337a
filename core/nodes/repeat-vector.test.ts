import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { RepeatVector } from './repeat-vector';

describe('RepeatVector', () => {
  it('turns [F] into [n, F]', () => {
    expect(inferNode(RepeatVector, { n: 7 }, { in: [float(16)] })).toEqual({ ok: true, outputs: { out: float(7, 16) } });
  });

  it('refuses a sequence, saying it already is one', () => {
    const [issue] = issuesOf(inferNode(RepeatVector, { n: 7 }, { in: [float(null, 16)] }));
    expect(issue).toMatchObject({ code: 'shape-mismatch', port: 'in' });
    expect(issue.message).toBe('expects a vector [F], found a sequence [T, 16]; it is already a sequence (set returnSequences to false on the node before it)');
  });

  it('starts a decoder from a vector (one-to-many) with no parameters of its own', () => {
    const graph = makeGraph(
      { v: ['VectorInput', { size: 4 }], rep: ['RepeatVector', { n: 6 }], rnn: ['LSTM', { units: 3, returnSequences: true }], y: ['Output', { head: 'softmax', units: 5 }] },
      ['v.out -> rep.in', 'rep.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, 6, 5]);
  });
});
