import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import type { GraphEdit } from '../../core/graph/edits';
import { useEditor } from '../state/store';
import { GROUP_PREFIX, NOTE_PREFIX } from './Annotations';
import type { FlowModel, ShapeFlowEdge } from './flow-model';
import { MoveBatch, type NodeMove } from './move-batch';
import type { CanvasNode } from './use-flow-items';

/**
 * What React Flow reports back, turned into edits of the document: moves
 * (a drag previewed once a frame, one undo step when it ends), measured
 * sizes (kept in `model.measured`; `remeasured` rebuilds the nodes) and
 * selection of nodes and wires.
 */
export function useNodeChanges(model: FlowModel, remeasured: () => void) {
  // A drag is previewed once a frame, with each node where it last was, and becomes one undo step when it ends.
  const moveBatch = useMemo(() => new MoveBatch((moves) => useEditor.getState().preview(moveEdit(moves))), []);
  useEffect(() => () => moveBatch.flush(), [moveBatch]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const s = useEditor.getState();
    const moves: NodeMove[] = [];
    let dragEnded = false;
    let measured = false;
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position') {
        const move = c.position ? { id: c.id, position: { x: Math.round(c.position.x), y: Math.round(c.position.y) } } : null;
        if (move && c.dragging) moveBatch.add(move);
        else if (move) moves.push(move);
        if (c.dragging === false) dragEnded = true;
      } else if (c.type === 'dimensions' && c.dimensions) {
        model.measured.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        measured = true;
      } else if (c.type === 'select') {
        selection ??= new Set(s.selected);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    // Anything but a move mid-drag first applies the moves still waiting for their frame, so the order holds.
    if (moves.length || dragEnded || selection) moveBatch.flush();
    if (moves.length) s.preview(moveEdit(moves));
    if (dragEnded) s.settle();
    if (selection) s.select(selection, s.selectedEdges);
    if (measured) remeasured();
  }, [moveBatch, model, remeasured]);

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const s = useEditor.getState();
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        selection ??= new Set(s.selectedEdges);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    if (selection) s.select(s.selected, selection);
  }, []);

  return { onNodesChange, onEdgesChange };
}

/** Moves of canvas items as one edit: node ids as they are, notes and groups by their prefixed flow ids. */
export function moveEdit(moves: NodeMove[]): GraphEdit {
  const nodes: NodeMove[] = [];
  const notes: NodeMove[] = [];
  const groups: NodeMove[] = [];
  for (const m of moves) {
    if (m.id.startsWith(NOTE_PREFIX)) notes.push({ id: m.id.slice(NOTE_PREFIX.length), position: m.position });
    else if (m.id.startsWith(GROUP_PREFIX)) groups.push({ id: m.id.slice(GROUP_PREFIX.length), position: m.position });
    else nodes.push(m);
  }
  return notes.length || groups.length ? { kind: 'move', moves: nodes, notes, groups } : { kind: 'move', moves: nodes };
}
