import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Concatenate } from './concatenate';

describe('Concatenate', () => {
  it('joins on the last axis, taking a known T over an unknown one', () => {
    expect(inferNode(Concatenate, {}, { in: [float(3), float(5), float(1)] })).toEqual({ ok: true, outputs: { out: float(9) } });
    expect(inferNode(Concatenate, {}, { in: [float(null, 4), float(10, 2)] })).toEqual({ ok: true, outputs: { out: float(10, 6) } });
  });

  it('refuses fewer than two inputs with too-few-inputs', () => {
    expect(issuesOf(inferNode(Concatenate, {}, { in: [float(3)] }))).toMatchObject([{ code: 'too-few-inputs', port: 'in' }]);
  });

  it('refuses other axes that differ, naming the axis', () => {
    const [issue] = issuesOf(inferNode(Concatenate, {}, { in: [float(8, 4), float(10, 2)] }));
    expect(issue.message).toBe('all axes but the last must agree, found [8, 4], [10, 2] (axis 1 differs)');
  });

  it('refuses a vector joined to a sequence, and token ids', () => {
    expect(issuesOf(inferNode(Concatenate, {}, { in: [float(8), float(10, 2)] }))[0].message).toContain('needs inputs of one rank');
    expect(issuesOf(inferNode(Concatenate, {}, { in: [float(8), int(3)] }))[0].message).toContain('input 2: expects floats');
  });

  it('has no parameters and joins the encoder readings of a bidirectional pair', () => {
    const graph = makeGraph(
      {
        x: ['SequenceInput', { timesteps: null, features: 2 }],
        fwd: ['LSTM', { units: 3 }],
        bwd: ['LSTM', { units: 4, goBackwards: true }],
        join: ['Concatenate', {}],
        y: ['Output', { head: 'linear', units: 1 }],
      },
      ['x.out -> fwd.in', 'x.out -> bwd.in', 'fwd.out -> join.in', 'bwd.out -> join.in', 'join.out -> y.in'],
    );
    const { analysis, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(analysis.nodes.get('join')!.outputs.out).toEqual(float(7));
    expect(tfjsParams).toBe(ourParams);
  });
});
