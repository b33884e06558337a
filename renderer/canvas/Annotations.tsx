import { NodeResizer, type Node, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import type { Group, Note } from '../../core/graph/schema';
import { useEditor } from '../state/store';

/**
 * Notes and group frames: not part of the model, drawn on the canvas among
 * the nodes. Their flow ids carry a prefix (`note:`, `group:`) so they never
 * meet a node id.
 */
export const NOTE_PREFIX = 'note:';
export const GROUP_PREFIX = 'group:';

export type NoteFlowNode = Node<{ note: Note }, 'note'>;
export type GroupFlowNode = Node<{ group: Group }, 'frame'>;

function setNote(id: string, patch: Partial<Note>, key?: string) {
  const s = useEditor.getState();
  s.edit({ kind: 'set-notes', notes: (s.graph.notes ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n)) }, key);
}

function setGroup(id: string, patch: Partial<Group>, key?: string) {
  const s = useEditor.getState();
  s.edit({ kind: 'set-groups', groups: (s.graph.groups ?? []).map((g) => (g.id === id ? { ...g, ...patch } : g)) }, key);
}

/** A note: its text, edited in place (double-click), folding to its first line. */
export const NoteNode = memo(function NoteNode({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const [editing, setEditing] = useState(false);
  const first = note.text.split('\n')[0] || 'Note';
  return (
    <div className={`sw-note ${selected ? 'is-selected' : ''} ${note.collapsed ? 'is-collapsed' : ''}`} style={{ width: note.width ?? 260 }} data-testid={`note-${note.id}`}>
      <header className="sw-note-head">
        <button type="button" className="sw-icon-button nodrag" aria-expanded={!note.collapsed} aria-label={note.collapsed ? `expand note ${first}` : `collapse note ${first}`}
          onClick={() => setNote(note.id, { collapsed: !note.collapsed })}>{note.collapsed ? '▸' : '▾'}</button>
        <span className="sw-note-title">{first}</span>
      </header>
      {note.collapsed ? null : editing ? (
        <textarea className="sw-note-edit nodrag nowheel" aria-label="note text" autoFocus defaultValue={note.text}
          onChange={(e) => setNote(note.id, { text: e.target.value }, `note.${note.id}`)}
          onBlur={() => setEditing(false)} onKeyDown={(e) => { if (e.key === 'Escape') setEditing(false); }} />
      ) : (
        <div className="sw-note-text" onDoubleClick={() => setEditing(true)} title="double-click to edit">
          {note.text.split('\n').slice(1).join('\n').trim() || <span className="muted">double-click to write</span>}
        </div>
      )}
    </div>
  );
});

/** A titled frame; dragged by its title bar, it takes along what lies inside it. */
export const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<GroupFlowNode>) {
  const { group } = data;
  return (
    <div className={`sw-frame ${selected ? 'is-selected' : ''}`} style={{ width: group.width, height: group.height }} data-testid={`group-${group.id}`}>
      <NodeResizer isVisible={selected} minWidth={160} minHeight={100} lineClassName="sw-frame-resize" handleClassName="sw-frame-handle"
        onResizeEnd={(_e, r) => setGroup(group.id, { position: { x: Math.round(r.x), y: Math.round(r.y) }, width: Math.round(r.width), height: Math.round(r.height) })} />
      <div className="sw-frame-title">
        <input className="nodrag" aria-label="group title" value={group.title} onChange={(e) => setGroup(group.id, { title: e.target.value }, `group.${group.id}`)} />
      </div>
    </div>
  );
});

/** The flow nodes of a graph's notes and groups; groups first, drawn under everything. */
export function annotationNodes(groups: readonly Group[] | undefined, notes: readonly Note[] | undefined, selected: ReadonlySet<string>): (NoteFlowNode | GroupFlowNode)[] {
  const out: (NoteFlowNode | GroupFlowNode)[] = [];
  for (const g of groups ?? []) {
    const id = GROUP_PREFIX + g.id;
    out.push({ id, type: 'frame', position: g.position, data: { group: g }, selected: selected.has(id), zIndex: -1, dragHandle: '.sw-frame-title', width: g.width, height: g.height, ariaLabel: `group ${g.title}` });
  }
  for (const n of notes ?? []) {
    const id = NOTE_PREFIX + n.id;
    out.push({ id, type: 'note', position: n.position, data: { note: n }, selected: selected.has(id), ariaLabel: `note ${n.text.split('\n')[0]}` });
  }
  return out;
}
