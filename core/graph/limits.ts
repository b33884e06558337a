/**
 * How big a graph Seqwire accepts, at load and at every request. The limits
 * sit far above any graph a person wires (the templates have under 20 nodes)
 * and keep one request from holding the host for long: analysis is linear
 * and takes well under a second at these sizes.
 */
export const GRAPH_LIMITS = { nodes: 5000, edges: 20000 } as const;

/** Why a document holds too big a graph, or null; reads only the array lengths. */
export function graphTooLarge(doc: unknown): string | null {
  if (doc === null || typeof doc !== 'object') return null;
  const { nodes, edges } = doc as { nodes?: unknown; edges?: unknown };
  if (Array.isArray(nodes) && nodes.length > GRAPH_LIMITS.nodes) return `the graph has ${nodes.length} nodes; Seqwire accepts at most ${GRAPH_LIMITS.nodes}`;
  if (Array.isArray(edges) && edges.length > GRAPH_LIMITS.edges) return `the graph has ${edges.length} wires; Seqwire accepts at most ${GRAPH_LIMITS.edges}`;
  return null;
}
