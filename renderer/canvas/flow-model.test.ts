import { describe, expect, it } from 'vitest';
import { applyEdit, emptyGraph } from '../../core/graph/edits';
import type { Graph } from '../../core/graph/schema';
import { analyzeGraph } from '../../core/validate/analyze';
import { feedbackLoops, FlowModel } from './flow-model';

const graph: Graph = {
  ...emptyGraph(),
  nodes: [
    { id: 'x', type: 'SequenceInput', position: { x: 0, y: 0 }, params: { timesteps: null, features: 4 } },
    { id: 'rnn', type: 'GRU', position: { x: 300, y: 0 }, params: { units: 8 } },
    { id: 'out', type: 'Output', position: { x: 600, y: 0 }, params: { units: 3 } },
  ],
  edges: [
    { id: 'e1', source: 'x', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
  ],
};

describe('flow model', () => {
  it('nodes show their shapes and every wire carries its shape as a label', () => {
    const model = new FlowModel();
    const a = analyzeGraph(graph);
    const nodes = model.buildNodes(graph, a, new Set());
    expect(nodes.map((n) => n.data.view.outputs[0]?.type ?? null)).toEqual(['[T, 4]', '[8]', null]);
    expect(model.buildEdges(graph.edges, a, new Set()).map((e) => e.data?.label)).toEqual(['[T, 4]', '[8]']);
  });

  it('moving one node keeps every other node object, so only the moved one redraws', () => {
    const model = new FlowModel();
    const a = analyzeGraph(graph);
    const before = model.buildNodes(graph, a, new Set());
    const moved = applyEdit(graph, { kind: 'move', moves: [{ id: 'rnn', position: { x: 320, y: 40 } }] });
    const after = model.buildNodes(moved, a, new Set());
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1].data.view).toBe(before[1].data.view);
  });

  it('a param change rebuilds the view of that node and the label of its wire', () => {
    const model = new FlowModel();
    model.buildNodes(graph, analyzeGraph(graph), new Set());
    const changed = applyEdit(graph, { kind: 'set-param', nodeId: 'rnn', param: 'returnSequences', value: true });
    const a = analyzeGraph(changed);
    const nodes = model.buildNodes(changed, a, new Set());
    expect(nodes[1].data.view.outputs[0].type).toBe('[T, 8]');
    expect(model.buildEdges(changed.edges, a, new Set())[1].data?.label).toBe('[T, 8]');
  });

  it('an error on a node is shown on it, naming the port', () => {
    const broken = applyEdit(graph, { kind: 'remove', edgeIds: ['e1'] });
    const nodes = new FlowModel().buildNodes(broken, analyzeGraph(broken), new Set());
    expect(nodes[1].data.view.errors.join(' ')).toContain('"in"');
    expect(nodes[2].data.view.waiting).toBe(false);
  });

  it('draws the loop a feedback param declares, from the Output to the input it feeds, marking both ends; a loop to a missing node is not drawn', () => {
    const looped: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'x' ? { ...n, params: { ...n.params, feedback: 'out' } } : n)) };
    const loops = feedbackLoops(looped);
    expect(loops).toEqual([{ output: 'out', input: 'x' }]);
    const model = new FlowModel();
    const a = analyzeGraph(looped);
    const nodes = model.buildNodes(looped, a, new Set(), loops);
    expect(nodes.map((n) => n.data.view.feedback)).toEqual(['in', null, 'out']);
    const edges = model.buildEdges(looped.edges, a, new Set(), loops);
    const loop = edges.find((e) => e.type === 'feedback')!;
    expect([loop.source, loop.target, loop.deletable, loop.selectable]).toEqual(['out', 'x', false, false]);
    expect(edges.filter((e) => e.type === 'shape')).toHaveLength(2);
    const dangling: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'x' ? { ...n, params: { ...n.params, feedback: 'gone' } } : n)) };
    expect(feedbackLoops(dangling)).toEqual([]);
  });
});
