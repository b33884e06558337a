import { describe, expect, it } from 'vitest';
import { applyEdit, emptyGraph } from '../graph/edits';
import type { Graph } from '../graph/schema';
import { analyzeGraph } from './analyze';
import { fixFor } from './fixes';

const mismatches = (g: Graph) => analyzeGraph(g).diagnostics.filter((d) => d.code === 'shape-mismatch');

describe('fixes named by diagnostics', () => {
  it('an LSTM fed a vector by an LSTM offers to turn on returnSequences there, and the fix clears the error', () => {
    const graph: Graph = {
      ...emptyGraph('fix'),
      nodes: [
        { id: 'seq', type: 'SequenceInput', params: { timesteps: 5, features: 3 } },
        { id: 'lstm_1', type: 'LSTM', params: { units: 8 } },
        { id: 'lstm_2', type: 'LSTM', params: { units: 8 } },
      ],
      edges: [
        { id: 'e1', source: 'seq', sourceHandle: 'out', target: 'lstm_1', targetHandle: 'in' },
        { id: 'e2', source: 'lstm_1', sourceHandle: 'out', target: 'lstm_2', targetHandle: 'in' },
      ],
    };
    const [d] = mismatches(graph);
    expect(d.message).toContain('set returnSequences');
    const fix = fixFor(graph, d);
    expect(fix?.label).toBe('Turn on returnSequences on lstm_1');
    expect(mismatches(applyEdit(graph, fix!.edit))).toEqual([]);
  });

  it('token ids wired into an LSTM offer an Embedding between, sized for the vocabulary', () => {
    const graph: Graph = {
      ...emptyGraph('fix'),
      nodes: [
        { id: 'tokens', type: 'TokenInput', params: { timesteps: 5, vocabSize: 40 }, position: { x: 0, y: 0 } },
        { id: 'lstm', type: 'LSTM', params: { units: 8 }, position: { x: 600, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'tokens', sourceHandle: 'out', target: 'lstm', targetHandle: 'in' }],
    };
    const fix = fixFor(graph, mismatches(graph)[0]);
    expect(fix?.label).toBe('Put an Embedding before lstm');
    const fixed = applyEdit(graph, fix!.edit);
    expect(mismatches(fixed)).toEqual([]);
    expect(fixed.nodes.find((n) => n.type === 'Embedding')?.params?.vocabSize).toBe(40);
  });

  it('offers nothing when the node before has no such param', () => {
    const graph: Graph = {
      ...emptyGraph('fix'),
      nodes: [
        { id: 'vec', type: 'VectorInput', params: { size: 4 } },
        { id: 'lstm', type: 'LSTM', params: { units: 8 } },
      ],
      edges: [{ id: 'e1', source: 'vec', sourceHandle: 'out', target: 'lstm', targetHandle: 'in' }],
    };
    const [d] = mismatches(graph);
    expect(d.fix).toBeDefined();
    expect(fixFor(graph, d)).toBeNull();
  });
});
