import { useRun } from './run-store';

const fmt = (n: number | null) => (n === null ? '—' : n < 0.001 ? n.toExponential(2) : n.toFixed(4));

/** The project's past runs with their final metrics; each can be overlaid on the chart or chosen for generating. */
export function RunsSection() {
  const runs = useRun((s) => s.runs);
  const overlays = useRun((s) => s.overlays);
  const chosen = useRun((s) => s.chosenRun);
  const toggle = useRun((s) => s.toggleOverlay);
  const choose = useRun((s) => s.chooseRun);
  const refresh = useRun((s) => s.refreshRuns);
  return (
    <section className="sw-train-section" aria-label="past runs">
      <div className="sw-bindings-head">
        <h3>Runs</h3>
        <button type="button" className="sw-link" onClick={() => void refresh()}>refresh</button>
      </div>
      {runs.length === 0 ? <p className="muted">No runs yet for this project.</p> : (
        <table className="sw-runs">
          <thead><tr><th>Run</th><th>Status</th><th>Epochs</th><th>Loss</th><th>Val</th><th>Overlay</th><th>Use</th></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td title={r.dir}><code>{r.id}</code><div className="muted">{r.backend ?? ''}</div></td>
                <td className={`is-${r.status}`}>{r.status}</td>
                <td>{r.epochs}</td>
                <td>{fmt(r.loss)}</td>
                <td>{fmt(r.valLoss)}</td>
                <td><input type="checkbox" checked={!!overlays[r.id]} onChange={() => void toggle(r.id)} aria-label={`overlay run ${r.id}`} /></td>
                <td><input type="radio" name="chosen-run" checked={chosen === r.id} disabled={!r.hasModel} onChange={() => choose(r.id)} aria-label={`generate with run ${r.id}`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
