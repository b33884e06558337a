import { beforeEach, describe, expect, it } from 'vitest';
import { emptyGraph } from '../../core/graph/edits';
import type { Graph } from '../../core/graph/schema';
import { isDirty, redoable, undoable, useEditor } from './store';

const graph: Graph = {
  ...emptyGraph('pair'),
  nodes: [
    { id: 'x', type: 'SequenceInput', position: { x: 0, y: 0 }, params: { timesteps: null, features: 3 } },
    { id: 'rnn', type: 'LSTM', position: { x: 300, y: 0 }, params: { units: 4 } },
  ],
  edges: [{ id: 'e1', source: 'x', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' }],
};

describe('editor store', () => {
  beforeEach(() => useEditor.getState().load(graph, '/p/pair.seqwire.json'));

  it('a document just opened is saved, with nothing to undo', () => {
    const s = useEditor.getState();
    expect(isDirty(s)).toBe(false);
    expect(undoable(s)).toBe(false);
    expect(s.analysis.nodes.get('rnn')?.outputs.out?.shape).toEqual([4]);
  });

  it('an edit marks the document unsaved and re-analyses it; undo back to the saved graph clears the mark', () => {
    useEditor.getState().edit({ kind: 'set-param', nodeId: 'rnn', param: 'returnSequences', value: true });
    expect(isDirty(useEditor.getState())).toBe(true);
    expect(useEditor.getState().analysis.nodes.get('rnn')?.outputs.out?.shape).toEqual([null, 4]);
    useEditor.getState().undo();
    expect(isDirty(useEditor.getState())).toBe(false);
    expect(redoable(useEditor.getState())).toBe(true);
  });

  it('a drag keeps the analysis it had: positions cannot change shapes', () => {
    const before = useEditor.getState().analysis;
    useEditor.getState().preview({ kind: 'move', moves: [{ id: 'rnn', position: { x: 350, y: 20 } }] });
    useEditor.getState().preview({ kind: 'move', moves: [{ id: 'rnn', position: { x: 400, y: 40 } }] });
    useEditor.getState().settle();
    const s = useEditor.getState();
    expect(s.analysis).toBe(before);
    expect(s.history.past).toHaveLength(1);
    expect(s.graph.nodes[1].position).toEqual({ x: 400, y: 40 });
  });

  it('deleting selected nodes drops them from the selection', () => {
    useEditor.getState().select(['x', 'rnn'], ['e1']);
    useEditor.getState().edit({ kind: 'remove', nodeIds: ['x'] });
    const s = useEditor.getState();
    expect([...s.selected]).toEqual(['rnn']);
    expect([...s.selectedEdges]).toEqual([]);
  });

  it('saving marks the graph on screen as the saved one', () => {
    useEditor.getState().edit({ kind: 'rename', name: 'renamed' });
    useEditor.getState().markSaved('/p/renamed.seqwire.json');
    const s = useEditor.getState();
    expect(isDirty(s)).toBe(false);
    expect(s.file.path).toBe('/p/renamed.seqwire.json');
  });

  it('a recovered document opens unsaved', () => {
    useEditor.getState().load(graph, null, { dirty: true });
    expect(isDirty(useEditor.getState())).toBe(true);
  });
});
