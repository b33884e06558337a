import { host } from '../host/host';
import { useEditor } from '../state/store';

/** Totals of the graph and what the window talks to. */
export function StatusBar() {
  const nodes = useEditor((s) => s.graph.nodes.length);
  const edges = useEditor((s) => s.graph.edges.length);
  const params = useEditor((s) => s.analysis.totalParams);
  const valid = useEditor((s) => s.analysis.valid);
  const path = useEditor((s) => s.file.path);
  return (
    <footer className="sw-statusbar" aria-label="status">
      {nodes === 0 ? <span className="muted">empty</span> : <span className={valid ? 'ok' : 'bad'}>{valid ? '✓ valid' : '✕ has errors'}</span>}
      <span>{nodes} nodes</span>
      <span>{edges} wires</span>
      <span>{params.toLocaleString('en-US')} parameters</span>
      <span className="sw-spacer" />
      <span className="muted">{path ?? 'not saved yet'}</span>
      <span className="muted">{host.kind}</span>
    </footer>
  );
}
