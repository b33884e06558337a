import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Conv1D } from './conv1d';

describe('Conv1D', () => {
  it('keeps the length with padding same, shrinks it with valid (dilated kernels span more), divides it by strides, and keeps a variable length variable', () => {
    expect(inferNode(Conv1D, { filters: 4, kernelSize: 3 }, { in: [float(20, 2)] })).toEqual({ ok: true, outputs: { out: float(20, 4) } });
    expect(inferNode(Conv1D, { filters: 4, kernelSize: 3, padding: 'valid' }, { in: [float(20, 2)] })).toEqual({ ok: true, outputs: { out: float(18, 4) } });
    expect(inferNode(Conv1D, { filters: 4, kernelSize: 3, padding: 'valid', dilationRate: 2 }, { in: [float(20, 2)] })).toEqual({ ok: true, outputs: { out: float(16, 4) } });
    expect(inferNode(Conv1D, { filters: 4, kernelSize: 3, strides: 2 }, { in: [float(7, 2)] })).toEqual({ ok: true, outputs: { out: float(4, 4) } });
    expect(inferNode(Conv1D, { filters: 4, kernelSize: 3, padding: 'valid' }, { in: [float(null, 2)] })).toEqual({ ok: true, outputs: { out: float(null, 4) } });
  });

  it('refuses a vector, token ids, a kernel longer than the sequence with padding valid, and strides with dilation', () => {
    expect(issuesOf(inferNode(Conv1D, { filters: 4, kernelSize: 3 }, { in: [float(5)] }))[0].message).toContain('expects a sequence [T, F], found a vector [5]');
    expect(issuesOf(inferNode(Conv1D, { filters: 4, kernelSize: 3 }, { in: [int(5)] }))[0].message).toContain('put an Embedding before it');
    expect(issuesOf(inferNode(Conv1D, { filters: 4, kernelSize: 5, padding: 'valid' }, { in: [float(3, 1)] }))[0].message).toContain('does not fit');
    expect(issuesOf(inferNode(Conv1D, { filters: 4, kernelSize: 3, strides: 2, dilationRate: 2 }, { in: [float(9, 1)] }))[0].message).toContain('strides and dilationRate');
  });

  it.each(['same', 'valid'])('counts k·F·filters + filters as Keras does, and as tfjs does, with the shape tfjs gives (padding %s)', (padding) => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 12, features: 3 }], conv: ['Conv1D', { filters: 5, kernelSize: 4, padding }], rnn: ['LSTM', { units: 2 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> conv.in', 'conv.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { analysis, compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(analysis.nodes.get('conv')!.paramCount).toBe(4 * 3 * 5 + 5);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.getLayer('conv').outputShape).toEqual([null, ...analysis.nodes.get('conv')!.outputs.out.shape]);
  });
});
