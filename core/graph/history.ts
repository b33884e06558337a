import { applyEdit, type GraphEdit } from './edits';
import type { Graph } from './schema';

/**
 * Undo/redo over graph snapshots. Graphs are immutable and edits share
 * structure, so a snapshot per step is cheap and undo is exact (a move undone
 * puts the node back where it was, a delete of 40 nodes comes back whole).
 */
export interface History {
  past: Graph[];
  present: Graph;
  future: Graph[];
  /** The graph before a gesture in progress (a drag), which becomes one undo step when it settles. */
  pending?: Graph;
  /** Consecutive commits with the same key (typing into one field) merge into one step. */
  lastKey?: string;
}

/** How many steps undo keeps. */
export const HISTORY_LIMIT = 200;

export function startHistory(graph: Graph): History {
  return { past: [], present: graph, future: [] };
}

/** Applies an edit as one undo step (or merges it into the last one when `key` repeats). */
export function commit(h: History, edit: GraphEdit, key?: string): History {
  const settled = settle(h);
  const next = applyEdit(settled.present, edit);
  if (next === settled.present) return settled;
  if (key !== undefined && key === settled.lastKey && settled.past.length > 0) {
    return { past: settled.past, present: next, future: [], lastKey: key };
  }
  return { past: [...settled.past, settled.present].slice(-HISTORY_LIMIT), present: next, future: [], lastKey: key };
}

/** Applies an edit as part of a gesture in progress: shown at once, recorded when the gesture settles. */
export function preview(h: History, edit: GraphEdit): History {
  const next = applyEdit(h.present, edit);
  if (next === h.present) return h;
  return { ...h, present: next, pending: h.pending ?? h.present };
}

/** Ends a gesture: everything previewed since it began becomes one undo step. */
export function settle(h: History): History {
  if (h.pending === undefined) return h;
  const { pending, ...rest } = h;
  if (pending === h.present) return rest;
  return { ...rest, past: [...h.past, pending].slice(-HISTORY_LIMIT), future: [], lastKey: undefined };
}

export function canUndo(h: History): boolean {
  return h.past.length > 0 || h.pending !== undefined;
}

export function canRedo(h: History): boolean {
  return h.future.length > 0;
}

export function undo(h: History): History {
  const s = settle(h);
  const previous = s.past.at(-1);
  if (previous === undefined) return s;
  return { past: s.past.slice(0, -1), present: previous, future: [s.present, ...s.future] };
}

export function redo(h: History): History {
  const s = settle(h);
  const [next, ...rest] = s.future;
  if (next === undefined) return s;
  return { past: [...s.past, s.present], present: next, future: rest };
}
