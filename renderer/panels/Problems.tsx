import { fixFor } from '../../core/validate/fixes';
import { useEditor } from '../state/store';

/** The label of each diagnostic's fix ('' for none), as one string so a drag (positions only) does not redraw the list. */
export const fixLabels = (s: ReturnType<typeof useEditor.getState>) =>
  s.analysis.diagnostics.map((d) => (d.fix ? (fixFor(s.graph, d)?.label ?? '') : '')).join('\u0000');

/** Applies a diagnostic's fix as one undo step. */
export function applyFix(index: number): void {
  const s = useEditor.getState();
  const d = s.analysis.diagnostics[index];
  const fix = d && fixFor(s.graph, d);
  if (fix) s.edit(fix.edit);
}

/** Every diagnostic of the graph; a click selects the node and centres the canvas on it. */
export function Problems() {
  const diagnostics = useEditor((s) => s.analysis.diagnostics);
  const focus = useEditor((s) => s.focus);
  const empty = useEditor((s) => s.graph.nodes.length === 0);
  const fixes = useEditor(fixLabels).split('\u0000');
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
            <li key={`${d.nodeId}-${d.code}-${i}`} className="sw-problem-row">
              <button type="button" className={`sw-problem is-${d.severity}`} disabled={!d.nodeId} onClick={() => d.nodeId && focus(d.nodeId)}
                aria-label={`${d.severity} on ${d.nodeId || 'the graph'}: ${d.message}`}>
                <span className="sw-problem-icon" aria-hidden>{d.severity === 'error' ? '●' : '▲'}</span>
                <span className="sw-problem-node">{d.nodeId || 'graph'}{d.port ? `.${d.port}` : ''}</span>
                <span className="sw-problem-msg">{d.message}</span>
                <code className="sw-problem-code">{d.code}</code>
              </button>
              {fixes[i] ? <button type="button" className="sw-button is-primary sw-fix-button" onClick={() => applyFix(i)}>{fixes[i]}</button> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
