import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { GlobalPool1D } from './global-pool1d';
import { MaxPool1D } from './max-pool1d';

describe('MaxPool1D', () => {
  it('divides the length by poolSize, rounding down (valid) or up (same), and keeps a variable length variable', () => {
    expect(inferNode(MaxPool1D, {}, { in: [float(9, 3)] })).toEqual({ ok: true, outputs: { out: float(4, 3) } });
    expect(inferNode(MaxPool1D, { poolSize: 2, padding: 'same' }, { in: [float(9, 3)] })).toEqual({ ok: true, outputs: { out: float(5, 3) } });
    expect(inferNode(MaxPool1D, { poolSize: 3 }, { in: [float(null, 3)] })).toEqual({ ok: true, outputs: { out: float(null, 3) } });
  });

  it('refuses a vector, and a pool longer than the sequence', () => {
    expect(issuesOf(inferNode(MaxPool1D, {}, { in: [float(4)] }))[0].message).toContain('expects a sequence');
    expect(issuesOf(inferNode(MaxPool1D, { poolSize: 5 }, { in: [float(3, 2)] }))[0].message).toContain('does not fit');
  });
});

describe('GlobalPool1D', () => {
  it('turns a sequence into a vector of its features, in either mode', () => {
    expect(inferNode(GlobalPool1D, {}, { in: [float(null, 6)] })).toEqual({ ok: true, outputs: { out: float(6) } });
    expect(inferNode(GlobalPool1D, { mode: 'average' }, { in: [float(9, 6)] })).toEqual({ ok: true, outputs: { out: float(6) } });
  });

  it('refuses token ids', () => {
    expect(issuesOf(inferNode(GlobalPool1D, {}, { in: [int(7)] }))).toMatchObject([{ code: 'shape-mismatch', port: 'in' }]);
  });
});

describe('a 1-D CNN over a sequence', () => {
  it.each(['max', 'average'])('has no pooling parameters and the shapes tfjs gives (global %s)', (mode) => {
    const graph = makeGraph(
      {
        x: ['SequenceInput', { timesteps: 16, features: 2 }],
        conv: ['Conv1D', { filters: 4, kernelSize: 3 }],
        pool: ['MaxPool1D', { poolSize: 2 }],
        global: ['GlobalPool1D', { mode }],
        y: ['Output', { head: 'softmax', units: 3 }],
      },
      ['x.out -> conv.in', 'conv.out -> pool.in', 'pool.out -> global.in', 'global.out -> y.in'],
    );
    const { analysis, compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(ourParams).toBe(3 * 2 * 4 + 4 + 3 * (4 + 1));
    expect(tfjsParams).toBe(ourParams);
    for (const id of ['pool', 'global']) expect(compiled.model.getLayer(id).outputShape).toEqual([null, ...analysis.nodes.get(id)!.outputs.out.shape]);
  });
});
