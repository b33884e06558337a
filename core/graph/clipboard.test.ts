import { describe, expect, it } from 'vitest';
import { clipboardText, copyNodes, planPaste, readClipboard } from './clipboard';
import { applyEdit, emptyGraph } from './edits';
import type { Graph } from './schema';

const strokes: Graph = {
  ...emptyGraph('strokes'),
  nodes: [
    { id: 'x', type: 'SequenceInput', position: { x: 100, y: 50 }, params: { features: 5, feedback: 'pen' } },
    { id: 'rnn', type: 'LSTM', position: { x: 300, y: 50 }, params: { units: 32, returnSequences: true } },
    { id: 'pen', type: 'Output', position: { x: 500, y: 50 }, params: { head: 'mdn' } },
  ],
  edges: [
    { id: 'e1', source: 'x', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'pen', targetHandle: 'in' },
  ],
};

describe('clipboard', () => {
  it('a copy keeps only the wires between copied nodes', () => {
    const clip = copyNodes(strokes, ['x', 'rnn']);
    expect(clip.nodes.map((n) => n.id)).toEqual(['x', 'rnn']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e1']);
  });

  it('clipboard text is a graph file that reads back', () => {
    const text = clipboardText(strokes, ['rnn', 'pen']);
    expect(JSON.parse(text).format).toBe('seqwire.graph');
    expect(readClipboard(text)?.nodes).toHaveLength(2);
  });

  it('text that is not a Seqwire graph reads as null', () => {
    expect(readClipboard('hello')).toBeNull();
    expect(readClipboard('{"nodes": []}')).toBeNull();
  });

  it('pasting into the same project renames ids and rewires to the copies', () => {
    const plan = planPaste(strokes, copyNodes(strokes, ['x', 'rnn', 'pen']));
    expect(plan.ids).toEqual(['x_2', 'rnn_2', 'pen_2']);
    const after = applyEdit(strokes, plan.edit);
    expect(after.nodes).toHaveLength(6);
    const pasted = after.edges.filter((e) => e.source.endsWith('_2'));
    expect(pasted.map((e) => [e.source, e.target])).toEqual([['x_2', 'rnn_2'], ['rnn_2', 'pen_2']]);
    expect(new Set(after.edges.map((e) => e.id)).size).toBe(after.edges.length);
    expect(after.nodes.find((n) => n.id === 'x_2')?.params?.feedback).toBe('pen_2');
  });

  it('a paste lands its top-left corner at the given point', () => {
    const plan = planPaste(emptyGraph(), copyNodes(strokes, ['rnn', 'pen']), { x: 0, y: 0 });
    const after = applyEdit(emptyGraph(), plan.edit);
    expect(after.nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 200, y: 0 }]);
  });

  it('pasting into another project drops a feedback to a node that is not there', () => {
    const plan = planPaste(emptyGraph(), copyNodes(strokes, ['x']));
    const after = applyEdit(emptyGraph(), plan.edit);
    expect(after.nodes[0].params).toEqual({ features: 5 });
    expect(after.nodes[0].id).toBe('x');
  });

  it('a paste of 40 nodes is one undoable edit', () => {
    const many: Graph = { ...emptyGraph(), nodes: Array.from({ length: 40 }, (_, i) => ({ id: `d${i}`, type: 'Dense' })), edges: [] };
    const plan = planPaste(many, many);
    expect(plan.edit.kind).toBe('add');
    expect(applyEdit(many, plan.edit).nodes).toHaveLength(80);
  });
});
