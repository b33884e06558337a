import { describe, expect, it } from 'vitest';
import { applyEdit, emptyGraph } from './edits';
import { parseGraphText, saveGraph } from './load';
import type { Graph } from './schema';

const graph: Graph = {
  ...emptyGraph('frames'),
  nodes: [
    { id: 'in', type: 'SequenceInput', position: { x: 20, y: 40 } },
    { id: 'out', type: 'Output', position: { x: 600, y: 40 } },
  ],
  edges: [],
  notes: [{ id: 'n1', text: 'inside', position: { x: 30, y: 250 } }, { id: 'n2', text: 'outside', position: { x: 600, y: 300 } }],
  groups: [{ id: 'g1', title: 'Encoder', position: { x: 0, y: 0 }, width: 300, height: 320 }],
};

describe('notes and groups', () => {
  it('a moved group takes along the nodes and notes inside it, and nothing else', () => {
    const g = applyEdit(graph, { kind: 'move', moves: [], groups: [{ id: 'g1', position: { x: 100, y: 50 } }] });
    expect(g.groups?.[0].position).toEqual({ x: 100, y: 50 });
    expect(g.nodes.find((n) => n.id === 'in')?.position).toEqual({ x: 120, y: 90 });
    expect(g.nodes.find((n) => n.id === 'out')?.position).toEqual({ x: 600, y: 40 });
    expect(g.notes?.map((n) => n.position)).toEqual([{ x: 130, y: 300 }, { x: 600, y: 300 }]);
  });

  it('survive save and load, and a file without them stays without them', () => {
    const back = parseGraphText(saveGraph(graph));
    expect(back.ok && back.graph.groups).toEqual(graph.groups);
    expect(back.ok && back.graph.notes).toEqual(graph.notes);
    const cleared = applyEdit(applyEdit(graph, { kind: 'set-notes', notes: [] }), { kind: 'set-groups', groups: [] });
    expect('notes' in cleared || 'groups' in cleared).toBe(false);
  });
});
