import { useEditor } from '../state/store';

/** Every diagnostic of the graph; a click selects the node and centres the canvas on it. */
export function Problems() {
  const diagnostics = useEditor((s) => s.analysis.diagnostics);
  const focus = useEditor((s) => s.focus);
  const empty = useEditor((s) => s.graph.nodes.length === 0);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  // Before the first node there is nothing wrong yet, only something to start: guidance, not red errors.
  if (empty) {
    return (
      <section className="sw-problems" aria-label="problems">
        <div className="sw-panel-title">Problems</div>
        <p className="sw-problems-guide">Nothing to check yet. Add an input node and an Output, wire them, and problems will show here as you build.</p>
      </section>
    );
  }
  return (
    <section className="sw-problems" aria-label="problems">
      <div className="sw-panel-title">
        Problems
        <span className={`sw-badge ${errors ? 'is-error' : 'is-ok'}`}>{errors} {errors === 1 ? 'error' : 'errors'}</span>
        {warnings ? <span className="sw-badge is-warning">{warnings} {warnings === 1 ? 'warning' : 'warnings'}</span> : null}
      </div>
      {diagnostics.length === 0 ? (
        <p className="sw-problems-none">No problems: every shape fits.</p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={`${d.nodeId}-${d.code}-${i}`}>
              <button type="button" className={`sw-problem is-${d.severity}`} disabled={!d.nodeId} onClick={() => d.nodeId && focus(d.nodeId)}
                aria-label={`${d.severity} on ${d.nodeId || 'the graph'}: ${d.message}`}>
                <span className="sw-problem-icon" aria-hidden>{d.severity === 'error' ? '●' : '▲'}</span>
                <span className="sw-problem-node">{d.nodeId || 'graph'}{d.port ? `.${d.port}` : ''}</span>
                <span className="sw-problem-msg">{d.message}</span>
                <code className="sw-problem-code">{d.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
