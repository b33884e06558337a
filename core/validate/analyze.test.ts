import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '../graph/schema';
import { analyzeGraph } from './analyze';

function graph(nodes: GraphNode[], edges: [string, string, string, string][]): Graph {
  return {
    format: 'seqwire.graph',
    version: 1,
    nodes,
    edges: edges.map(([source, sourceHandle, target, targetHandle], i): GraphEdge => ({ id: `e${i + 1}`, source, sourceHandle, target, targetHandle })),
  };
}

const seq = (id: string, params: Record<string, unknown> = { timesteps: null, features: 4 }): GraphNode => ({ id, type: 'SequenceInput', params });
const dense = (id: string, units = 3): GraphNode => ({ id, type: 'Dense', params: { units } });
const codes = (g: Graph) => analyzeGraph(g).diagnostics.map((d) => [d.code, d.nodeId, d.port]);

describe('analyzeGraph', () => {
  it('infers the type on every port, carrying null timesteps through', () => {
    const a = analyzeGraph(graph([seq('x'), dense('d')], [['x', 'out', 'd', 'in']]));
    expect(a.nodes.get('d')!.outputs.out).toEqual({ shape: [null, 3], dtype: 'float32' });
    expect(a.nodes.get('d')!.paramCount).toBe(4 * 3 + 3);
    expect(a.order).toEqual(['x', 'd']);
  });

  it('names an unknown node type and the types it knows', () => {
    const d = analyzeGraph(graph([{ id: 'q', type: 'Transformer' }], [])).diagnostics.find((x) => x.code === 'unknown-node-type')!;
    expect(d.nodeId).toBe('q');
    expect(d.message).toMatch(/unknown node type "Transformer" \(known: .*SequenceInput/);
  });

  it('names an unknown param, a missing one and one out of range', () => {
    const a = analyzeGraph(graph([seq('x', { timesteps: 0, colour: 'red' })], []));
    const messages = a.diagnostics.filter((d) => d.nodeId === 'x').map((d) => `${d.code}: ${d.message}`);
    expect(messages).toContain('unknown-param: unknown param "colour" (known: timesteps, features, feedback)');
    expect(messages).toContain('missing-param: param "features" is required');
    expect(messages).toContain('invalid-param: param "timesteps" must be at least 1, found 0');
  });

  it('reports a required input with no edge on its port', () => {
    expect(codes(graph([dense('d')], []))).toContainEqual(['missing-input', 'd', 'in']);
  });

  it('refuses two edges into a single-edge port', () => {
    const g = graph([seq('a'), seq('b'), dense('d')], [['a', 'out', 'd', 'in'], ['b', 'out', 'd', 'in']]);
    expect(codes(g)).toContainEqual(['too-many-edges', 'd', 'in']);
  });

  it('reports an edge to a missing node and to a missing port', () => {
    const g = graph([seq('x'), dense('d')], [['ghost', 'out', 'd', 'in'], ['x', 'out', 'd', 'side']]);
    const a = analyzeGraph(g);
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ code: 'missing-node', nodeId: 'd', message: expect.stringContaining('"ghost"') }));
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ code: 'unknown-port', nodeId: 'd', port: 'side' }));
  });

  it('names every node on a cycle', () => {
    const g = graph([seq('x'), dense('a'), dense('b'), dense('c')], [['a', 'out', 'b', 'in'], ['b', 'out', 'c', 'in'], ['c', 'out', 'a', 'in']]);
    const cycle = analyzeGraph(g).diagnostics.filter((d) => d.code === 'cycle');
    expect(cycle.map((d) => d.nodeId).sort()).toEqual(['a', 'b', 'c']);
    expect(cycle[0].message).toMatch(/"a" → "b" → "c" → "a"/);
  });

  it('says a graph without an Output has nothing to learn', () => {
    expect(codes(graph([seq('x')], []))).toContainEqual(['no-output', '', undefined]);
  });

  it('stays quiet downstream of a broken node', () => {
    const g = graph([seq('x', { features: 0, timesteps: 3 }), dense('d')], [['x', 'out', 'd', 'in']]);
    const onD = analyzeGraph(g).diagnostics.filter((d) => d.nodeId === 'd' && d.severity === 'error');
    expect(onD).toEqual([]);
  });

  it('never throws on garbage params', () => {
    const g = graph([{ id: 'x', type: 'SequenceInput', params: { timesteps: 'many', features: [] } }, { id: 'd', type: 'Dense', params: { units: null, activation: 7 } }], [['x', 'out', 'd', 'in']]);
    expect(() => analyzeGraph(g)).not.toThrow();
    expect(analyzeGraph(g).valid).toBe(false);
  });
});

describe('feedback', () => {
  const out = (id: string, params: Record<string, unknown>): GraphNode => ({ id, type: 'Output', params });
  const lstm: GraphNode = { id: 'rnn', type: 'LSTM', params: { units: 8, returnSequences: true } };
  const wire = (input: string, head: string): [string, string, string, string][] => [[input, 'out', 'rnn', 'in'], ['rnn', 'out', head, 'in']];

  it('accepts a stroke input fed back from an mdn head', () => {
    const g = graph([seq('s', { timesteps: null, features: 5, feedback: 'pen' }), lstm, out('pen', { head: 'mdn' })], wire('s', 'pen'));
    expect(analyzeGraph(g).valid).toBe(true);
  });

  it('refuses feedback that names a node that is not an Output', () => {
    const g = graph([seq('s', { timesteps: null, features: 5, feedback: 'rnn' }), lstm, out('pen', { head: 'mdn' })], wire('s', 'pen'));
    expect(analyzeGraph(g).diagnostics).toContainEqual(expect.objectContaining({ code: 'invalid-feedback', nodeId: 's', message: expect.stringContaining('"rnn" is a LSTM') }));
  });

  it('refuses feedback that names no node', () => {
    const g = graph([seq('s', { timesteps: null, features: 5, feedback: 'ghost' }), lstm, out('pen', { head: 'mdn' })], wire('s', 'pen'));
    expect(analyzeGraph(g).diagnostics).toContainEqual(expect.objectContaining({ code: 'invalid-feedback', nodeId: 's' }));
  });

  it('refuses samples that do not fit one step of the input', () => {
    const g = graph([seq('s', { timesteps: null, features: 4, feedback: 'pen' }), lstm, out('pen', { head: 'mdn' })], wire('s', 'pen'));
    const d = analyzeGraph(g).diagnostics.find((x) => x.code === 'invalid-feedback')!;
    expect(d.message).toMatch(/stroke-5 steps \[5\] but this input takes 4 features/);
  });

  it('wants a softmax over exactly vocabSize classes to feed token ids', () => {
    const tokens: GraphNode = { id: 't', type: 'TokenInput', params: { timesteps: null, vocabSize: 12, feedback: 'y' } };
    const embed: GraphNode = { id: 'emb', type: 'Embedding', params: { vocabSize: 12, dim: 4 } };
    const edges: [string, string, string, string][] = [['t', 'out', 'emb', 'in'], ['emb', 'out', 'rnn', 'in'], ['rnn', 'out', 'y', 'in']];
    expect(analyzeGraph(graph([tokens, embed, lstm, out('y', { head: 'softmax', units: 12 })], edges)).valid).toBe(true);
    const wrongSize = analyzeGraph(graph([tokens, embed, lstm, out('y', { head: 'softmax', units: 10 })], edges));
    expect(wrongSize.diagnostics).toContainEqual(expect.objectContaining({ code: 'invalid-feedback', message: expect.stringContaining('10 classes but this input takes 12') }));
    const linear = analyzeGraph(graph([tokens, embed, lstm, out('y', { head: 'linear', units: 12 })], edges));
    expect(linear.diagnostics).toContainEqual(expect.objectContaining({ code: 'invalid-feedback', message: expect.stringContaining('needs a softmax Output') }));
  });
});

describe('shape rules across the graph', () => {
  it('puts a vector-into-LSTM error on the LSTM, naming expected and found', () => {
    const g = graph([{ id: 'v', type: 'VectorInput', params: { size: 8 } }, { id: 'rnn', type: 'LSTM', params: { units: 4 } }, { id: 'y', type: 'Output', params: { head: 'linear', units: 1 } }],
      [['v', 'out', 'rnn', 'in'], ['rnn', 'out', 'y', 'in']]);
    const d = analyzeGraph(g).diagnostics.find((x) => x.code === 'shape-mismatch')!;
    expect(d).toMatchObject({ nodeId: 'rnn', port: 'in' });
    expect(d.message).toMatch(/\[T, F\].*\[8\]/);
  });

  it('turns a sequence into a vector when returnSequences is off', () => {
    const g = graph([seq('s'), { id: 'rnn', type: 'GRU', params: { units: 6 } }, { id: 'y', type: 'Output', params: { head: 'linear', units: 1 } }],
      [['s', 'out', 'rnn', 'in'], ['rnn', 'out', 'y', 'in']]);
    const a = analyzeGraph(g);
    expect(a.nodes.get('rnn')!.outputs.out.shape).toEqual([6]);
    expect(a.nodes.get('y')!.outputs.out.shape).toEqual([1]);
  });

  it('warns about a node that leads to no Output', () => {
    const g = graph([seq('s'), dense('orphan'), { id: 'y', type: 'Output', params: { head: 'linear', units: 4 } }],
      [['s', 'out', 'orphan', 'in'], ['s', 'out', 'y', 'in']]);
    const a = analyzeGraph(g);
    expect(a.valid).toBe(true);
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ code: 'unused-node', nodeId: 'orphan', severity: 'warning' }));
  });
});
