import { describe, expect, it } from 'vitest';
import { applyEdit, emptyGraph, renameProblem } from './edits';
import { commit, startHistory, undo } from './history';
import { parseGraphText, saveGraph } from './load';
import type { Graph } from './schema';

const graph: Graph = {
  ...emptyGraph('names'),
  nodes: [
    { id: 'strokes', type: 'SequenceInput', params: { features: 5, feedback: 'pen' } },
    { id: 'rnn', type: 'LSTM', params: { units: 8, returnSequences: true } },
    { id: 'pen', type: 'Output', params: { head: 'mdn', mixtures: 3 } },
  ],
  edges: [
    { id: 'e1', source: 'strokes', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'pen', targetHandle: 'in' },
  ],
  training: { bindings: { strokes: 'strokesIn', pen: 'strokesOut' } },
};

describe('node names', () => {
  it('renaming an id updates its wires, bindings and the feedback that names it, and one undo takes it all back', () => {
    const h = commit(startHistory(graph), { kind: 'rename-node', from: 'pen', to: 'mixture' });
    const g = h.present;
    expect(g.nodes.map((n) => n.id)).toEqual(['strokes', 'rnn', 'mixture']);
    expect(g.nodes[0].params?.feedback).toBe('mixture');
    expect(g.edges[1]).toMatchObject({ source: 'rnn', target: 'mixture' });
    expect(g.training?.bindings).toEqual({ strokes: 'strokesIn', mixture: 'strokesOut' });
    expect(undo(h).present).toEqual(graph);
  });

  it('refuses an id that is taken or not a plain word, and leaves the graph alone if asked anyway', () => {
    expect(renameProblem(graph, 'rnn', 'pen')).toContain('another node');
    expect(renameProblem(graph, 'rnn', 'my rnn')).toContain('letter');
    expect(renameProblem(graph, 'rnn', 'encoder_1')).toBeNull();
    expect(applyEdit(graph, { kind: 'rename-node', from: 'rnn', to: 'pen' })).toBe(graph);
  });

  it('a label is a display name beside the id: set, cleared, and kept through save and load', () => {
    const labelled = applyEdit(graph, { kind: 'set-label', nodeId: 'rnn', label: 'Encoder' });
    expect(labelled.nodes[1]).toMatchObject({ id: 'rnn', label: 'Encoder' });
    const reloaded = parseGraphText(saveGraph(labelled));
    expect(reloaded.ok && reloaded.graph.nodes[1].label).toBe('Encoder');
    expect('label' in applyEdit(labelled, { kind: 'set-label', nodeId: 'rnn', label: '' }).nodes[1]).toBe(false);
  });
});
