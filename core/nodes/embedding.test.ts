import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Embedding } from './embedding';

describe('Embedding', () => {
  it('turns [T] ids into [T, dim], carrying a null T', () => {
    expect(inferNode(Embedding, { vocabSize: 20, dim: 6 }, { in: [int(null)] })).toEqual({ ok: true, outputs: { out: float(null, 6) } });
    expect(inferNode(Embedding, { vocabSize: 20, dim: 2 }, { in: [int(9)] })).toEqual({ ok: true, outputs: { out: float(9, 2) } });
  });

  it('refuses floats, pointing to a TokenInput', () => {
    const [issue] = issuesOf(inferNode(Embedding, { vocabSize: 20, dim: 6 }, { in: [float(null, 5)] }));
    expect(issue).toMatchObject({ code: 'shape-mismatch', port: 'in' });
    expect(issue.message).toBe('expects token ids [T] int, found floats: a sequence [T, 5]; use a TokenInput, or a Dense to project float features');
  });

  it('has vocabSize × dim parameters, as tfjs counts, with maskZero surviving save and load', () => {
    const graph = makeGraph(
      { ids: ['TokenInput', { timesteps: null, vocabSize: 12 }], emb: ['Embedding', { vocabSize: 12, dim: 5, maskZero: true }], rnn: ['GRU', { units: 2 }], y: ['Output', { head: 'sigmoid', units: 1 }] },
      ['ids.out -> emb.in', 'emb.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const back = roundTrip(graph);
    expect(back.nodes[1].params).toEqual({ vocabSize: 12, dim: 5, maskZero: true });
    const { analysis, tfjsParams, ourParams } = compileChecked(back);
    expect(analysis.nodes.get('emb')!.paramCount).toBe(60);
    expect(tfjsParams).toBe(ourParams);
  });
});
