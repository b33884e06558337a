import { useEffect, useState } from 'react';
import { renameProblem } from '../../core/graph/edits';
import { useEditor } from '../state/store';

/**
 * The node's display name and its id. The label changes as it is typed; the
 * id is taken on Enter or when the field is left, if it is free and a plain
 * word, and the wires, bindings and feedback that name it follow (one undo step).
 */
export function NodeNames({ id }: { id: string }) {
  const label = useEditor((s) => s.graph.nodes.find((n) => n.id === id)?.label ?? '');
  const edit = useEditor((s) => s.edit);
  const [draft, setDraft] = useState(id);
  useEffect(() => setDraft(id), [id]);
  const problem = renameProblem(useEditor.getState().graph, id, draft.trim());
  const commitId = () => {
    const to = draft.trim();
    const s = useEditor.getState();
    if (to === id || renameProblem(s.graph, id, to)) { setDraft(id); return; }
    s.edit({ kind: 'rename-node', from: id, to });
    s.select([to]);
  };
  return (
    <div className="sw-names">
      <div className="sw-field">
        <label htmlFor="node-label">Label</label>
        <input id="node-label" type="text" value={label} placeholder="a name to show on the canvas"
          onChange={(e) => edit({ kind: 'set-label', nodeId: id, label: e.target.value }, `${id}.label`)} />
      </div>
      <div className={`sw-field ${problem ? 'is-invalid' : ''}`}>
        <label htmlFor="node-id">Id</label>
        <input id="node-id" type="text" value={draft} aria-invalid={!!problem || undefined} aria-describedby="node-id-help"
          onChange={(e) => setDraft(e.target.value)} onBlur={commitId}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commitId(); } else if (e.key === 'Escape') setDraft(id); }} />
        <span id="node-id-help" className={problem ? 'sw-field-problem' : 'sw-field-help'}>
          {problem ?? 'the key in the file and the layer name; wires, bindings and feedback follow a rename'}
        </span>
      </div>
    </div>
  );
}
