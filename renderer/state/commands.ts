import { clipboardText, planPaste, readClipboard } from '../../core/graph/clipboard';
import { applyEdit, idForType, type GraphEdit } from '../../core/graph/edits';
import type { Graph, Position } from '../../core/graph/schema';
import { getNodeSpec } from '../../core/nodes/registry';
import { initialParams } from '../../core/nodes/params';
import { analyzeGraph } from '../../core/validate/analyze';
import { GROUP_PREFIX, NOTE_PREFIX } from '../canvas/Annotations';
import { layoutGraph } from '../canvas/layout';
import { checkWire } from '../../core/validate/connect';
import { useEditor } from './store';

/**
 * The editor's commands, shared by the toolbar, the keyboard and the menus:
 * each turns into one edit (one undo step) on the store.
 */

/** Copies of the clipboard text kept here too, for when the system clipboard refuses to be read. */
let lastCopied: string | null = null;

export function addNode(type: string, position: Position): string | null {
  const spec = getNodeSpec(type);
  if (!spec) return null;
  const s = useEditor.getState();
  const id = idForType(type, s.graph);
  s.edit({ kind: 'add', nodes: [{ id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, params: initialParams(spec.params) }] });
  s.select([id]);
  return id;
}

/**
 * Adds a node where a wire was dropped on empty canvas, wired from that wire's
 * output to the first input of the new node that fits: one undo step.
 */
export function addNodeWiredFrom(type: string, position: Position, from: { nodeId: string; port: string }): string | null {
  const spec = getNodeSpec(type);
  if (!spec) return null;
  const s = useEditor.getState();
  const id = idForType(type, s.graph);
  const node = { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, params: initialParams(spec.params) };
  const withNode = applyEdit(s.graph, { kind: 'add', nodes: [node] });
  const analysis = analyzeGraph(withNode);
  const ports = analysis.nodes.get(id)?.spec?.inputs(analysis.nodes.get(id)!.params) ?? [];
  let edge = null;
  for (const p of ports) {
    const result = checkWire(withNode, analysis, { source: from.nodeId, sourceHandle: from.port, target: id, targetHandle: p.name });
    if (result.ok) { edge = result.edge; break; }
  }
  s.edit({ kind: 'add', nodes: [node], edges: edge ? [edge] : [] });
  s.select([id]);
  if (!edge) s.notify({ kind: 'error', text: `${type} has no input that takes ${from.nodeId}.${from.port}; it was added unwired.` });
  return id;
}

export function deleteSelection(): void {
  const s = useEditor.getState();
  if (s.selected.size === 0 && s.selectedEdges.size === 0) return;
  const ids = [...s.selected];
  const notes = new Set(ids.filter((id) => id.startsWith(NOTE_PREFIX)).map((id) => id.slice(NOTE_PREFIX.length)));
  const groups = new Set(ids.filter((id) => id.startsWith(GROUP_PREFIX)).map((id) => id.slice(GROUP_PREFIX.length)));
  const edits: GraphEdit[] = [{ kind: 'remove', nodeIds: ids.filter((id) => !id.startsWith(NOTE_PREFIX) && !id.startsWith(GROUP_PREFIX)), edgeIds: [...s.selectedEdges] }];
  if (notes.size) edits.push({ kind: 'set-notes', notes: (s.graph.notes ?? []).filter((n) => !notes.has(n.id)) });
  if (groups.size) edits.push({ kind: 'set-groups', groups: (s.graph.groups ?? []).filter((g) => !groups.has(g.id)) });
  s.edit(edits.length === 1 ? edits[0] : { kind: 'batch', edits });
  s.select([]);
}

/** A fresh id for a note or a group: `note_1`, `group_2`... */
function freshId(stem: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  for (let i = 1; ; i++) if (!ids.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

/** Adds a note at a point (flow coordinates), selected, as one undo step. */
export function addNote(position: Position, text = 'Note\nWhat this part of the network does.'): string {
  const s = useEditor.getState();
  const id = freshId('note', s.graph.notes ?? []);
  s.edit({ kind: 'set-notes', notes: [...(s.graph.notes ?? []), { id, text, position: { x: Math.round(position.x), y: Math.round(position.y) }, width: 260 }] });
  s.select([NOTE_PREFIX + id]);
  return id;
}

/**
 * Adds a group frame: around the selected nodes when there are some (with
 * room for its title), else a frame at `fallback`. One undo step.
 */
export function addGroup(fallback: Position, sizes: ReadonlyMap<string, { width: number; height: number }>): string {
  const s = useEditor.getState();
  const chosen = s.graph.nodes.filter((n) => s.selected.has(n.id) && n.position);
  let box = { x: fallback.x, y: fallback.y, width: 480, height: 300 };
  if (chosen.length) {
    const pad = 28;
    const x0 = Math.min(...chosen.map((n) => n.position!.x)) - pad;
    const y0 = Math.min(...chosen.map((n) => n.position!.y)) - pad - 30;
    const x1 = Math.max(...chosen.map((n) => n.position!.x + (sizes.get(n.id)?.width ?? 214))) + pad;
    const y1 = Math.max(...chosen.map((n) => n.position!.y + (sizes.get(n.id)?.height ?? 130))) + pad;
    box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }
  const id = freshId('group', s.graph.groups ?? []);
  const group = { id, title: 'Group', position: { x: Math.round(box.x), y: Math.round(box.y) }, width: Math.round(box.width), height: Math.round(box.height) };
  s.edit({ kind: 'set-groups', groups: [...(s.graph.groups ?? []), group] });
  s.select([GROUP_PREFIX + id]);
  return id;
}

export function selectAll(): void {
  const s = useEditor.getState();
  s.select(s.graph.nodes.map((n) => n.id), s.graph.edges.map((e) => e.id));
}

/** The selection as graph JSON, or `null` when nothing is selected. */
export function copyText(): string | null {
  const s = useEditor.getState();
  if (s.selected.size === 0) return null;
  lastCopied = clipboardText(s.graph, s.selected);
  return lastCopied;
}

export function cutText(): string | null {
  const text = copyText();
  if (text) deleteSelection();
  return text;
}

/** Pastes graph JSON as one undo step and selects what was pasted; says so when the text is not a graph. */
export function pasteText(text: string | null, at?: Position): boolean {
  const s = useEditor.getState();
  const clip = readClipboard(text ?? lastCopied ?? '');
  if (!clip || clip.nodes.length === 0) {
    s.notify({ kind: 'error', text: 'Nothing to paste: the clipboard holds no Seqwire nodes.' });
    return false;
  }
  const plan = planPaste(s.graph, clip, at);
  s.edit(plan.edit);
  s.select(plan.ids);
  return true;
}

/** Toolbar buttons have no clipboard event, so they use the async API, falling back to the last copy. */
export async function copyToClipboard(cut = false): Promise<void> {
  const text = cut ? cutText() : copyText();
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Kept in `lastCopied`: pasting in this window still works.
  }
}

export async function pasteFromClipboard(at?: Position): Promise<void> {
  const text = await navigator.clipboard.readText().catch(() => null);
  pasteText(text && readClipboard(text) ? text : lastCopied, at);
}

/** Lays the whole graph out with ELK, as one undo step. */
export async function autoLayout(sizes?: ReadonlyMap<string, { width: number; height: number }>): Promise<void> {
  const graph = useEditor.getState().graph;
  const positions = await layoutGraph(graph, sizes);
  useEditor.getState().edit({ kind: 'move', moves: [...positions].map(([id, position]) => ({ id, position })) });
}

/** Gives every node a position (for files written without them), without an undo step. */
export async function placeUnpositioned(graph: Graph): Promise<Graph> {
  if (graph.nodes.every((n) => n.position)) return graph;
  const positions = await layoutGraph(graph);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: n.position ?? positions.get(n.id) ?? { x: 0, y: 0 } })) };
}
