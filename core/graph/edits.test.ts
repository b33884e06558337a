import { describe, expect, it } from 'vitest';
import { applyEdit, emptyGraph, idForType, nextEdgeId, uniqueId } from './edits';
import { canRedo, canUndo, commit, preview, redo, settle, startHistory, undo } from './history';
import type { Graph, GraphNode } from './schema';

function chain(n: number): Graph {
  const g = emptyGraph('chain');
  const nodes: GraphNode[] = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, type: 'Dense', position: { x: i * 200, y: 0 }, params: { units: 8 } }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i + 1}`, source: `n${i}`, sourceHandle: 'out', target: node.id, targetHandle: 'in' }));
  return { ...g, nodes, edges };
}

describe('applyEdit', () => {
  it('leaves the graph it was given unchanged', () => {
    const g = chain(3);
    const before = JSON.stringify(g);
    applyEdit(g, { kind: 'remove', nodeIds: ['n1'] });
    applyEdit(g, { kind: 'move', moves: [{ id: 'n0', position: { x: 5, y: 5 } }] });
    applyEdit(g, { kind: 'set-param', nodeId: 'n0', param: 'units', value: 3 });
    expect(JSON.stringify(g)).toBe(before);
  });

  it('removing a node removes every wire touching it', () => {
    const g = applyEdit(chain(3), { kind: 'remove', nodeIds: ['n1'] });
    expect(g.nodes.map((n) => n.id)).toEqual(['n0', 'n2']);
    expect(g.edges).toEqual([]);
  });

  it('removing an Output clears a feedback and a binding that named it', () => {
    const g: Graph = {
      ...emptyGraph(),
      nodes: [
        { id: 'x', type: 'SequenceInput', params: { features: 5, feedback: 'pen' } },
        { id: 'pen', type: 'Output', params: { head: 'mdn' } },
      ],
      edges: [],
      training: { bindings: { x: 'strokesIn', pen: 'strokesOut' } },
    };
    const after = applyEdit(g, { kind: 'remove', nodeIds: ['pen'] });
    expect(after.nodes[0].params).toEqual({ features: 5 });
    expect(after.training?.bindings).toEqual({ x: 'strokesIn' });
  });

  it('setting a param to undefined removes it so the default applies', () => {
    const g = applyEdit(chain(1), { kind: 'set-param', nodeId: 'n0', param: 'units', value: undefined });
    expect(g.nodes[0].params).toEqual({});
  });

  it('a move to the same place returns the same node object', () => {
    const g = chain(2);
    const after = applyEdit(g, { kind: 'move', moves: [{ id: 'n0', position: { x: 0, y: 0 } }] });
    expect(after.nodes[0]).toBe(g.nodes[0]);
  });

  it('adding a node whose id is taken adds nothing', () => {
    const g = chain(2);
    const after = applyEdit(g, { kind: 'add', nodes: [{ id: 'n0', type: 'Dense' }] });
    expect(after.nodes).toHaveLength(2);
  });

  it('a batch applies its edits in order', () => {
    const g = applyEdit(emptyGraph(), {
      kind: 'batch',
      edits: [
        { kind: 'add', nodes: [{ id: 'a', type: 'Dense' }, { id: 'b', type: 'Dense' }] },
        { kind: 'connect', edge: { id: 'e1', source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' } },
        { kind: 'rename', name: 'pair' },
      ],
    });
    expect(g.name).toBe('pair');
    expect(g.edges).toHaveLength(1);
  });

  it('set-training undefined drops the training section', () => {
    const g = applyEdit({ ...emptyGraph(), training: { epochs: 3 } }, { kind: 'set-training', training: undefined });
    expect('training' in g).toBe(false);
  });
});

describe('ids', () => {
  it('uniqueId keeps a free id and suffixes a taken one', () => {
    expect(uniqueId('rnn', new Set())).toBe('rnn');
    expect(uniqueId('rnn', new Set(['rnn', 'rnn_2']))).toBe('rnn_3');
    expect(uniqueId('rnn_2', new Set(['rnn_2']))).toBe('rnn_3');
  });

  it('idForType lower-cases an acronym whole and a camel name at its first letter', () => {
    expect(idForType('LSTM', emptyGraph())).toBe('lstm');
    expect(idForType('SimpleRNN', emptyGraph())).toBe('simpleRNN');
    expect(idForType('Dense', chain(0))).toBe('dense');
  });

  it('nextEdgeId skips ids in use', () => {
    expect(nextEdgeId(chain(3))).toBe('e3');
    expect(nextEdgeId(chain(3), new Set(['e3']))).toBe('e4');
  });
});

describe('history', () => {
  it('undo of a delete of 40 nodes brings all 40 back in one step', () => {
    let h = startHistory(chain(40));
    h = commit(h, { kind: 'remove', nodeIds: h.present.nodes.map((n) => n.id) });
    expect(h.present.nodes).toHaveLength(0);
    h = undo(h);
    expect(h.present.nodes).toHaveLength(40);
    expect(h.present.edges).toHaveLength(39);
    expect(canUndo(h)).toBe(false);
  });

  it('a drag previewed many times is one undo step that restores the start position', () => {
    let h = startHistory(chain(2));
    for (let x = 1; x <= 30; x++) h = preview(h, { kind: 'move', moves: [{ id: 'n0', position: { x, y: x } }] });
    h = settle(h);
    expect(h.present.nodes[0].position).toEqual({ x: 30, y: 30 });
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present.nodes[0].position).toEqual({ x: 0, y: 0 });
    h = redo(h);
    expect(h.present.nodes[0].position).toEqual({ x: 30, y: 30 });
  });

  it('undo during an unsettled drag settles it first, then undoes it', () => {
    let h = startHistory(chain(1));
    h = preview(h, { kind: 'move', moves: [{ id: 'n0', position: { x: 9, y: 9 } }] });
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('commits with the same key merge into one step (typing into one field)', () => {
    let h = startHistory(chain(1));
    for (const units of [1, 12, 128]) h = commit(h, { kind: 'set-param', nodeId: 'n0', param: 'units', value: units }, 'n0.units');
    expect(h.past).toHaveLength(1);
    h = undo(h);
    expect(h.present.nodes[0].params).toEqual({ units: 8 });
  });

  it('a new edit after undo drops the redo steps', () => {
    let h = startHistory(chain(1));
    h = commit(h, { kind: 'rename', name: 'a' });
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = commit(h, { kind: 'rename', name: 'b' });
    expect(canRedo(h)).toBe(false);
    expect(h.present.name).toBe('b');
  });

  it('an edit that changes nothing adds no step', () => {
    let h = startHistory(chain(1));
    h = commit(h, { kind: 'move', moves: [{ id: 'n0', position: { x: 0, y: 0 } }] });
    expect(h.past).toHaveLength(0);
  });
});
