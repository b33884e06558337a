import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Dropout } from './dropout';
import { resolveParams } from './params';

describe('Dropout', () => {
  it('keeps the shape', () => {
    expect(inferNode(Dropout, { rate: 0.5 }, { in: [float(null, 4)] })).toEqual({ ok: true, outputs: { out: float(null, 4) } });
  });

  it('takes a rate from 0 to below 1', () => {
    expect(resolveParams(Dropout.params, { rate: 1 }).issues).toMatchObject([{ code: 'invalid-param', param: 'rate' }]);
    expect(resolveParams(Dropout.params, { rate: -0.1 }).issues).toMatchObject([{ code: 'invalid-param', param: 'rate' }]);
    expect(resolveParams(Dropout.params, { rate: 0 }).issues).toEqual([]);
  });

  it('refuses token ids', () => {
    expect(issuesOf(inferNode(Dropout, { rate: 0.5 }, { in: [int(3)] }))).toMatchObject([{ code: 'shape-mismatch', port: 'in' }]);
  });

  it('has no parameters and compiles to a tfjs dropout layer', () => {
    const graph = makeGraph(
      { x: ['VectorInput', { size: 3 }], d: ['Dropout', { rate: 0.25 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> d.in', 'd.out -> y.in'],
    );
    const { compiled, tfjsParams } = compileChecked(roundTrip(graph));
    expect(tfjsParams).toBe(4);
    expect(compiled.model.getLayer('d').getConfig().rate).toBe(0.25);
  });
});
