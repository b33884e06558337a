import { loadGraph, saveGraph } from './load';
import { uniqueId, nextEdgeId, type GraphEdit } from './edits';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode, type Position } from './schema';

/**
 * The clipboard holds a graph document of its own (the selected nodes and the
 * wires among them), as the text of a `.seqwire.json` file. So a copy in one
 * project pastes into another, into a text editor, or back from one.
 */
export function copyNodes(graph: Graph, nodeIds: Iterable<string>): Graph {
  const ids = new Set(nodeIds);
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
}

export function clipboardText(graph: Graph, nodeIds: Iterable<string>): string {
  return saveGraph(copyNodes(graph, nodeIds));
}

/** Reads clipboard text: a Seqwire graph, or `null` when the text is something else. */
export function readClipboard(text: string): Graph | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const result = loadGraph(data);
  return result.ok ? result.graph : null;
}

export interface PastePlan {
  edit: GraphEdit;
  /** The ids the pasted nodes got in the target graph (renamed where taken). */
  ids: string[];
}

/**
 * Plans a paste of `clip` into `graph`: ids that are taken get a suffix,
 * wires and `feedback` follow the renames, and the pasted block is moved so
 * that its top-left corner lands at `at` (or stays, shifted off the copy).
 */
export function planPaste(graph: Graph, clip: Graph, at?: Position): PastePlan {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = uniqueId(node.id, taken);
    taken.add(id);
    rename.set(node.id, id);
  }
  const placed = clip.nodes.filter((n) => n.position);
  const minX = placed.length ? Math.min(...placed.map((n) => n.position!.x)) : 0;
  const minY = placed.length ? Math.min(...placed.map((n) => n.position!.y)) : 0;
  const shift = at ? { x: at.x - minX, y: at.y - minY } : { x: 40, y: 40 };

  const nodes: GraphNode[] = clip.nodes.map((node) => {
    const out: GraphNode = { ...node, id: rename.get(node.id)! };
    if (node.position) out.position = { x: node.position.x + shift.x, y: node.position.y + shift.y };
    const feedback = node.params?.feedback;
    if (typeof feedback === 'string' && feedback !== 'none') {
      const params = { ...node.params };
      // Inside the pasted block the loop follows its Output; otherwise it points nowhere in the new project.
      if (rename.has(feedback)) params.feedback = rename.get(feedback);
      else if (!graph.nodes.some((n) => n.id === feedback)) delete params.feedback;
      out.params = params;
    }
    return out;
  });
  const edgeIds = new Set<string>();
  const edges: GraphEdge[] = clip.edges
    .filter((e) => rename.has(e.source) && rename.has(e.target))
    .map((e) => {
      const id = nextEdgeId(graph, edgeIds);
      edgeIds.add(id);
      return { ...e, id, source: rename.get(e.source)!, target: rename.get(e.target)! };
    });
  return { edit: { kind: 'add', nodes, edges }, ids: nodes.map((n) => n.id) };
}
