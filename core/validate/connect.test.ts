import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../graph/edits';
import type { Graph } from '../graph/schema';
import { analyzeGraph } from './analyze';
import { canTake, checkWire } from './connect';

const graph: Graph = {
  ...emptyGraph('wiring'),
  nodes: [
    { id: 'seq', type: 'SequenceInput', params: { timesteps: 10, features: 4 } },
    { id: 'vec', type: 'VectorInput', params: { size: 6 } },
    { id: 'rnn', type: 'LSTM', params: { units: 8 } },
    { id: 'rnn2', type: 'LSTM', params: { units: 8, bidirectional: 'concat' } },
    { id: 'dense', type: 'Dense', params: { units: 3 } },
  ],
  edges: [{ id: 'e1', source: 'seq', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' }],
};
const analysis = analyzeGraph(graph);
const wire = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({ source, sourceHandle, target, targetHandle });

describe('wiring checks', () => {
  it('a sequence into a free LSTM input is accepted, with a fresh edge id', () => {
    const result = checkWire(graph, analysis, wire('seq', 'out', 'rnn2', 'in'));
    expect(result).toEqual({ ok: true, edge: { id: 'e2', source: 'seq', sourceHandle: 'out', target: 'rnn2', targetHandle: 'in' } });
  });

  it('a vector into an LSTM is refused with the expected and found shapes', () => {
    const result = checkWire(graph, analysis, wire('vec', 'out', 'rnn2', 'in'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain('rnn2');
      expect(result.reason).toContain('[6]');
      expect(result.diagnostic).toMatchObject({ code: 'shape-mismatch', nodeId: 'rnn2', port: 'in', severity: 'error' });
    }
    expect(canTake(graph, analysis, wire('vec', 'out', 'rnn2', 'in'))).toBe(false);
  });

  it('a second wire into a single port is refused, naming the wire already there', () => {
    const result = checkWire(graph, analysis, wire('vec', 'out', 'rnn', 'in'));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('already has one from seq'), diagnostic: { code: 'too-many-edges', nodeId: 'rnn', port: 'in' } });
  });

  it('a wire that closes a loop is refused, naming the nodes on it', () => {
    const g: Graph = { ...graph, edges: [...graph.edges, { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'dense', targetHandle: 'in' }] };
    const result = checkWire(g, analyzeGraph(g), wire('dense', 'out', 'rnn', 'h0'));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('rnn → dense → rnn'), diagnostic: { code: 'cycle' } });
  });

  it('a node cannot be wired into itself', () => {
    expect(checkWire(graph, analysis, wire('dense', 'out', 'dense', 'in'))).toMatchObject({ ok: false, diagnostic: { code: 'self-loop', nodeId: 'dense' } });
  });

  it('an initial state of the right size is accepted; a state port on a bidirectional cell is refused', () => {
    const g: Graph = {
      ...graph,
      nodes: [...graph.nodes, { id: 'state', type: 'Dense', params: { units: 8 } }],
      edges: [...graph.edges, { id: 'e2', source: 'vec', sourceHandle: 'out', target: 'state', targetHandle: 'in' }, { id: 'e3', source: 'seq', sourceHandle: 'out', target: 'rnn2', targetHandle: 'in' }],
    };
    const a = analyzeGraph(g);
    expect(checkWire(g, a, wire('state', 'out', 'rnn', 'h0')).ok).toBe(true);
    expect(checkWire(g, a, wire('state', 'out', 'rnn2', 'h0'))).toMatchObject({ ok: false, diagnostic: { code: 'state-with-bidirectional', port: 'h0' } });
  });

  it('a port the node does not have is refused', () => {
    expect(checkWire(graph, analysis, wire('seq', 'out', 'dense', 'c0'))).toMatchObject({ ok: false, reason: expect.stringContaining('no input "c0"'), diagnostic: { code: 'unknown-port' } });
  });

  it('the same wire twice is refused as a duplicate, with its own code', () => {
    const g: Graph = { ...graph, nodes: [...graph.nodes, { id: 'cat', type: 'Concatenate', params: {} }], edges: [...graph.edges, { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'cat', targetHandle: 'in' }] };
    expect(checkWire(g, analyzeGraph(g), wire('rnn', 'out', 'cat', 'in'))).toMatchObject({ ok: false, reason: 'these ports are already wired', diagnostic: { code: 'duplicate-wire', nodeId: 'cat' } });
  });
});
