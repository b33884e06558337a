import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Stack } from './stack';

describe('Stack', () => {
  it('gives [units], or [T, units] with returnSequences, carrying a null T', () => {
    expect(inferNode(Stack, { units: 8 }, { in: [float(null, 3)] })).toEqual({ ok: true, outputs: { out: float(8) } });
    expect(inferNode(Stack, { units: 8, layers: 3, returnSequences: true }, { in: [float(null, 3)] })).toEqual({ ok: true, outputs: { out: float(null, 8) } });
  });

  it('refuses a vector and token ids', () => {
    expect(issuesOf(inferNode(Stack, { units: 8 }, { in: [float(16)] }))[0].message).toContain('found a vector [16]; set returnSequences');
    expect(issuesOf(inferNode(Stack, { units: 8 }, { in: [{ shape: [null], dtype: 'int32' }] }))[0].message).toContain('put an Embedding');
  });

  it.each(['LSTM', 'GRU', 'SimpleRNN'] as const)('of %s compiles to separate layers whose parameters sum as in Keras', (cell) => {
    const gates = { LSTM: 4, GRU: 3, SimpleRNN: 1 }[cell];
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: null, features: 3 }], s: ['Stack', { cell, layers: 3, units: 4, dropout: 0.2 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> s.in', 's.out -> y.in'],
    );
    const { compiled, analysis, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    const layer = (f: number) => gates * (4 * (f + 4) + 4);
    expect(analysis.nodes.get('s')!.paramCount).toBe(layer(3) + 2 * layer(4));
    expect(tfjsParams).toBe(ourParams);
    const recurrent = compiled.model.layers.filter((l) => l.name.startsWith('s_') && !l.name.includes('dropout'));
    expect(recurrent.map((l) => l.name)).toEqual(['s_1', 's_2', 's_3']);
    expect(new Set(recurrent.map((l) => l.getWeights()[0].id)).size).toBe(3);
  });

  it('puts no dropout layers in when dropout is 0', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 2, features: 1 }], s: ['Stack', { layers: 2, units: 2 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> s.in', 's.out -> y.in'],
    );
    expect(compileChecked(graph).compiled.model.layers.map((l) => l.name)).toEqual(['x', 's_1', 's_2', 'y']);
  });
});
