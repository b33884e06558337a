import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Add } from './add';

describe('Add', () => {
  it('keeps the common shape, taking a known T over an unknown one', () => {
    expect(inferNode(Add, {}, { in: [float(6), float(6)] })).toEqual({ ok: true, outputs: { out: float(6) } });
    expect(inferNode(Add, {}, { in: [float(null, 6), float(4, 6), float(null, 6)] })).toEqual({ ok: true, outputs: { out: float(4, 6) } });
  });

  it('refuses fewer than two inputs with too-few-inputs', () => {
    expect(issuesOf(inferNode(Add, {}, { in: [float(6)] }))).toMatchObject([{ code: 'too-few-inputs', port: 'in' }]);
  });

  it('refuses mismatched shapes, listing them', () => {
    const [issue] = issuesOf(inferNode(Add, {}, { in: [float(6), float(8)] }));
    expect(issue).toMatchObject({ code: 'shape-mismatch', port: 'in', message: 'Add needs inputs of one shape, found [6], [8]' });
    expect(issuesOf(inferNode(Add, {}, { in: [float(6), float(null, 6)] }))[0].message).toContain('needs inputs of one rank');
  });

  it('makes a residual connection with no parameters of its own', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 5, features: 4 }], rnn: ['SimpleRNN', { units: 4, returnSequences: true }], sum: ['Add', {}], y: ['Output', { head: 'linear', units: 4 }] },
      ['x.out -> rnn.in', 'x.out -> sum.in', 'rnn.out -> sum.in', 'sum.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, 5, 4]);
  });
});
