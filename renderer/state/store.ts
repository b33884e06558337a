import { create } from 'zustand';
import { emptyGraph, type GraphEdit } from '../../core/graph/edits';
import { canRedo, canUndo, commit, preview, redo, settle, startHistory, undo, type History } from '../../core/graph/history';
import type { Graph } from '../../core/graph/schema';
import { analyzeGraph, type GraphAnalysis } from '../../core/validate/analyze';

/** Where the document lives: a path on disk (through the host), or nowhere yet. */
export interface DocumentFile {
  path: string | null;
  /** The graph as last saved or opened; the document is unsaved when it differs. */
  saved: Graph;
  /**
   * This document's own id, new at every load (new, open, template, import):
   * an unsaved document's runs live under it, and the panels follow it.
   */
  draft: string;
}

/** A fresh document id (also the name of an unsaved document's runs folder). */
export function newDraftId(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return `draft-${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** A button beside the text: the fix the message names, applied as one undo step, or the next step offered (joining an imported decoder to its encoder). */
  action?: { label: string; run(): void };
}

export interface EditorState {
  history: History;
  /** `history.present`, the document on screen. */
  graph: Graph;
  /** Shapes and diagnostics of `graph`: computed once per change, read by every node. */
  analysis: GraphAnalysis;
  selected: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  file: DocumentFile;
  notice: Notice | null;
  /** While a wire is being drawn: `nodeId -> ports that can take it` (comma-joined, so nodes compare by value). */
  wireTargets: ReadonlyMap<string, string> | null;
  /** The node the canvas should centre on next (a click in the problems panel). */
  focusRequest: { id: string; at: number } | null;
  /** Set when a document is loaded: the canvas fits it into view once its nodes are measured. */
  fitRequest: number;

  edit(edit: GraphEdit, key?: string): void;
  /** Part of a gesture (a drag): shown now, one undo step when `settle` is called. */
  preview(edit: GraphEdit): void;
  settle(): void;
  undo(): void;
  redo(): void;
  /** Replaces the document (open, new, template, recovery): a fresh history. */
  load(graph: Graph, path: string | null, opts?: { dirty?: boolean; draft?: string }): void;
  markSaved(path: string | null): void;
  select(nodeIds: Iterable<string>, edgeIds?: Iterable<string>): void;
  focus(id: string): void;
  notify(notice: Notice | null): void;
  setWireTargets(targets: ReadonlyMap<string, string> | null): void;
}

/** True when two graphs differ only in node positions: shapes and errors cannot have changed. */
function onlyMoved(a: Graph, b: Graph): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i];
    const y = b.nodes[i];
    if (x !== y && (x.id !== y.id || x.type !== y.type || x.params !== y.params || x.label !== y.label)) return false;
  }
  return true;
}

function withHistory(state: EditorState, history: History): Partial<EditorState> {
  if (history.present === state.graph) return { history };
  const graph = history.present;
  // A drag changes positions many times a second; the analysis of the graph stays what it was.
  if (onlyMoved(state.graph, graph)) return { history, graph };
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  const keep = [...state.selected].filter((id) => ids.has(id));
  const keepEdges = [...state.selectedEdges].filter((id) => edgeIds.has(id));
  return {
    history,
    graph,
    analysis: analyzeGraph(graph),
    selected: keep.length === state.selected.size ? state.selected : new Set(keep),
    selectedEdges: keepEdges.length === state.selectedEdges.size ? state.selectedEdges : new Set(keepEdges),
  };
}

const initial = emptyGraph();

export const useEditor = create<EditorState>()((set, get) => ({
  history: startHistory(initial),
  graph: initial,
  analysis: analyzeGraph(initial),
  selected: new Set(),
  selectedEdges: new Set(),
  file: { path: null, saved: initial, draft: newDraftId() },
  notice: null,
  wireTargets: null,
  focusRequest: null,
  fitRequest: 0,

  edit: (edit, key) => set((s) => withHistory(s, commit(s.history, edit, key))),
  preview: (edit) => set((s) => withHistory(s, preview(s.history, edit))),
  settle: () => set((s) => withHistory(s, settle(s.history))),
  undo: () => set((s) => withHistory(s, undo(s.history))),
  redo: () => set((s) => withHistory(s, redo(s.history))),
  load: (graph, path, opts) =>
    set((s) => ({
      history: startHistory(graph),
      graph,
      analysis: analyzeGraph(graph),
      selected: new Set(),
      selectedEdges: new Set(),
      // A recovered document starts unsaved: what is on disk is older.
      file: { path, saved: opts?.dirty ? emptyGraph() : graph, draft: opts?.draft ?? newDraftId() },
      // An empty document has nothing to fit; fitting later would zoom onto the first node dropped.
      fitRequest: graph.nodes.length ? Date.now() : s.fitRequest,
    })),
  markSaved: (path) => set((s) => ({ file: { path, saved: s.graph, draft: s.file.draft } })),
  select: (nodeIds, edgeIds = []) => set(() => ({ selected: new Set(nodeIds), selectedEdges: new Set(edgeIds) })),
  focus: (id) => set(() => ({ selected: new Set([id]), selectedEdges: new Set(), focusRequest: { id, at: Date.now() } })),
  notify: (notice) => set(() => ({ notice })),
  setWireTargets: (wireTargets) => {
    if (get().wireTargets !== wireTargets) set(() => ({ wireTargets }));
  },
}));

export const isDirty = (s: EditorState) => s.graph !== s.file.saved;
export const undoable = (s: EditorState) => canUndo(s.history);
export const redoable = (s: EditorState) => canRedo(s.history);
