import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge } from '../graph/schema';

/**
 * Small graphs written tersely, for tests and for code that makes graphs
 * (templates, importers): nodes as `id: [type, params]`, edges as
 * `"source.port -> target.port"`.
 */
export function makeGraph(nodes: Record<string, [string, Record<string, unknown>?]>, edges: string[], name = 'test'): Graph {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name,
    nodes: Object.entries(nodes).map(([id, [type, params]], i) => ({ id, type, position: { x: 200 * i, y: 0 }, params: params ?? {} })),
    edges: edges.map((e, i) => parseEdge(e, `e${i + 1}`)),
  };
}

export function parseEdge(text: string, id: string): GraphEdge {
  const match = /^\s*(.+?)\.(\w+)\s*->\s*(.+?)\.(\w+)\s*$/.exec(text);
  if (!match) throw new Error(`not an edge: "${text}" (expected "source.port -> target.port")`);
  const [, source, sourceHandle, target, targetHandle] = match;
  return { id, source, sourceHandle, target, targetHandle };
}
