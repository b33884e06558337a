import { useMemo } from 'react';
import { useEditor } from '../state/store';
import { annotationNodes, type GroupFlowNode, type NoteFlowNode } from './Annotations';
import { feedbackLoops, type FlowModel, type ShapeFlowEdge, type SpecFlowNode } from './flow-model';

/** Everything the canvas draws as a node: graph nodes, notes and group frames. */
export type CanvasNode = SpecFlowNode | NoteFlowNode | GroupFlowNode;

/**
 * The nodes and edges handed to React Flow, derived from the document. Each
 * input is its own memo, so a drag (new positions, same edges and loops)
 * hands React Flow the same edges array and it does not rebuild its lookups.
 * `measureTick` changes when a node was measured: sizes live in
 * `model.measured`, so a new measurement must rebuild the nodes.
 */
export function useFlowItems(model: FlowModel, measureTick: number): { nodes: CanvasNode[]; edges: ShapeFlowEdge[] } {
  const graph = useEditor((s) => s.graph);
  const analysis = useEditor((s) => s.analysis);
  const selected = useEditor((s) => s.selected);
  const selectedEdges = useEditor((s) => s.selectedEdges);

  // Keyed on a string of the loops, so that a drag (new node objects, same loops) keeps the same loops array.
  const loopKey = feedbackLoops(graph).map((l) => `${l.output}\u0001${l.input}`).join('\u0000');
  const loops = useMemo(() => (loopKey ? loopKey.split('\u0000').map((p) => { const [output, input] = p.split('\u0001'); return { output, input }; }) : []), [loopKey]);
  const specNodes = useMemo(() => model.buildNodes(graph, analysis, selected, loops), [model, graph, analysis, selected, measureTick, loops]);
  // Groups and notes are few; they sit before the nodes, so frames are drawn under them.
  const annotations = useMemo(() => annotationNodes(graph.groups, graph.notes, selected), [graph.groups, graph.notes, selected]);
  const nodes = useMemo<CanvasNode[]>(() => (annotations.length ? [...annotations, ...specNodes] : specNodes), [annotations, specNodes]);
  const graphEdges = graph.edges;
  const edges = useMemo(() => model.buildEdges(graphEdges, analysis, selectedEdges, loops), [model, graphEdges, analysis, selectedEdges, loops]);
  return { nodes, edges };
}
