import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Dense } from './dense';

describe('Dense', () => {
  it('maps [F] to [units] and applies at every step of [T, F]', () => {
    expect(inferNode(Dense, { units: 3 }, { in: [float(8)] })).toEqual({ ok: true, outputs: { out: float(3) } });
    expect(inferNode(Dense, { units: 3 }, { in: [float(null, 8)] })).toEqual({ ok: true, outputs: { out: float(null, 3) } });
  });

  it('refuses token ids, pointing to an Embedding', () => {
    expect(issuesOf(inferNode(Dense, { units: 3 }, { in: [int(null)] }))[0].message).toContain('put an Embedding before it');
  });

  it('has F × units + units parameters on a vector and on a sequence', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 4, features: 6 }], d: ['Dense', { units: 5, activation: 'relu' }], y: ['Output', { head: 'linear', units: 2 }] },
      ['x.out -> d.in', 'd.out -> y.in'],
    );
    const { analysis, tfjsParams, ourParams, compiled } = compileChecked(roundTrip(graph));
    expect(analysis.nodes.get('d')!.paramCount).toBe(6 * 5 + 5);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, 4, 2]);
  });
});
