import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../../core/graph/edits';
import { commit, startHistory, undo } from '../../core/graph/history';
import type { Graph } from '../../core/graph/schema';
import { analyzeGraph } from '../../core/validate/analyze';
import { canTakeOrReplace, dropWire } from './replace-wire';

const graph: Graph = {
  ...emptyGraph('replace'),
  nodes: [
    { id: 'a', type: 'SequenceInput', params: { timesteps: 10, features: 4 } },
    { id: 'b', type: 'SequenceInput', params: { timesteps: 10, features: 2 } },
    { id: 'vec', type: 'VectorInput', params: { size: 6 } },
    { id: 'rnn', type: 'LSTM', params: { units: 8 } },
    { id: 'cat', type: 'Concatenate', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'a', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'a', sourceHandle: 'out', target: 'cat', targetHandle: 'in' },
  ],
};
const analysis = analyzeGraph(graph);
const wire = (source: string, target: string, targetHandle = 'in') => ({ source, sourceHandle: 'out', target, targetHandle });

describe('dropping a wire on an occupied input', () => {
  it('replaces the wire already on a one-wire input, and one undo brings the old wire back', () => {
    const result = dropWire(graph, analysis, wire('b', 'rnn'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.replaced?.id).toBe('e1');
    const history = commit(startHistory(graph), result.edit);
    const into = history.present.edges.filter((e) => e.target === 'rnn');
    expect(into.map((e) => e.source)).toEqual(['b']);
    expect(undo(history).present.edges).toEqual(graph.edges);
  });

  it('still refuses a wire that does not fit, saying why, and leaves the old wire', () => {
    const result = dropWire(graph, analysis, wire('vec', 'rnn'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('[6]');
    expect(canTakeOrReplace(graph, analysis, wire('vec', 'rnn'))).toBe(false);
  });

  it('lights an occupied input that the new wire fits', () => {
    expect(canTakeOrReplace(graph, analysis, wire('b', 'rnn'))).toBe(true);
  });

  it('adds beside the wires of an input that takes many, replacing none', () => {
    const result = dropWire(graph, analysis, wire('b', 'cat'));
    expect(result.ok && result.replaced).toBe(null);
  });
});
