import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Attention } from './attention';

describe('Attention', () => {
  it('gives [Tq, d] from query [Tq, d] and values [Tv, d]', () => {
    expect(inferNode(Attention, {}, { query: [float(null, 8)], values: [float(12, 8)] })).toEqual({ ok: true, outputs: { out: float(null, 8) } });
  });

  it('refuses mismatched depths, naming both', () => {
    const [issue] = issuesOf(inferNode(Attention, {}, { query: [float(null, 8)], values: [float(12, 6)] }));
    expect(issue).toMatchObject({ code: 'shape-mismatch', port: 'values' });
    expect(issue.message).toContain('found query a sequence [T, 8] and values a sequence [12, 6]');
  });

  it('refuses a vector query and token-id values, each on its port', () => {
    const issues = issuesOf(inferNode(Attention, {}, { query: [float(8)], values: [int(null)] }));
    expect(issues.map((i) => i.port)).toEqual(['query', 'values']);
    expect(issues[0].message).toContain('set returnSequences on the node before it');
  });

  it('compiles a decoder attending over its encoder with no parameters of its own', () => {
    const graph = makeGraph(
      {
        src: ['SequenceInput', { timesteps: 6, features: 2 }],
        tgt: ['SequenceInput', { timesteps: null, features: 3 }],
        enc: ['GRU', { units: 4, returnSequences: true }],
        dec: ['GRU', { units: 4, returnSequences: true }],
        att: ['Attention', {}],
        join: ['Concatenate', {}],
        y: ['Output', { head: 'softmax', units: 3 }],
      },
      ['src.out -> enc.in', 'tgt.out -> dec.in', 'dec.out -> att.query', 'enc.out -> att.values', 'att.out -> join.in', 'dec.out -> join.in', 'join.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, null, 3]);
    expect(compiled.model.getLayer('att').getClassName()).toBe('SeqwireDotAttention');
  });
});
