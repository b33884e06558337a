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
