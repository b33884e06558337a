import ELK from 'elkjs/lib/elk.bundled.js';
import type { Graph } from '../../core/graph/schema';

const elk = new ELK();

/** The size a node is drawn at when it has not been measured yet. */
const DEFAULT_SIZE = { width: 210, height: 120 };

/**
 * Lays a graph out left to right with ELK's layered algorithm (inputs left,
 * heads right), the shape of every recurrent net diagram. Used for files
 * written without positions and on request; returns new positions by id.
 */
export async function layoutGraph(graph: Graph, sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): Promise<Map<string, { x: number; y: number }>> {
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '130',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? DEFAULT_SIZE) })),
    edges: graph.edges
      .filter((e) => e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) out.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return out;
}
