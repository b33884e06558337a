import { useEffect, useState } from 'react';
import type { RunInfo } from '../../core/api/schemas';
import { host } from '../host/host';
import { lossesPerOutput, settingRows } from './run-compare';
import { runRef, useRun } from './run-store';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

const fmt = (n: number | null) => (n === null ? '—' : n < 0.001 ? n.toExponential(2) : n.toFixed(4));

/** The document's runs with their status and final metrics; each can be overlaid, chosen for generating, named, compared or deleted. */
export function RunsSection() {
  const runs = useRun((s) => s.runs);
  const overlays = useRun((s) => s.overlays);
  const chosen = useRun((s) => s.chosenRun);
  const toggle = useRun((s) => s.toggleOverlay);
  const choose = useRun((s) => s.chooseRun);
  const refresh = useRun((s) => s.refreshRuns);
  const [open, setOpen] = useState<string | null>(null);
  const opened = runs.find((r) => r.id === open) ?? null;
  return (
    <section className="sw-train-section sw-runs-section" aria-label="past runs">
      <div className="sw-bindings-head">
        <h3>Runs</h3>
        <button type="button" className="sw-link" onClick={() => void refresh()}>refresh</button>
      </div>
      {runs.length === 0 ? <p className="muted">No runs yet for this project.</p> : (
        // Fixed columns that fit the panel; a long name is cut short with the whole of it in its tooltip. A narrow panel lists each run as a card.
        <table className="sw-runs sw-runs-list">
          <colgroup>
            <col /><col className="is-status" /><col className="is-epochs" /><col className="is-metric" /><col className="is-metric" /><col className="is-overlay" /><col className="is-use" />
          </colgroup>
          <thead><tr><th>Run</th><th>Status</th><th>Epochs</th><th>Loss</th><th>Val</th><th>Overlay</th><th>Use</th></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} aria-label={`run ${r.name ?? r.id}`}>
                <td className="sw-run-name">
                  <button type="button" className="sw-link" aria-expanded={open === r.id} title={`${r.name ?? r.id}\n${r.dir}`} onClick={() => setOpen(open === r.id ? null : r.id)}>{r.name ?? <code>{r.id}</code>}</button>
                  <div className="muted">{r.source ? 'imported' : (r.backend ?? '')}</div>
                </td>
                <td data-label="Status" className={`is-${r.status === 'diverged' ? 'failed' : r.status}`} title={r.message ?? r.status}>{r.status}</td>
                <td data-label="Epochs">{r.epochs}</td>
                <td data-label="Loss" title={r.loss === null ? undefined : String(r.loss)}>{fmt(r.loss)}</td>
                <td data-label="Val" title={r.valLoss === null ? undefined : String(r.valLoss)}>{fmt(r.valLoss)}</td>
                <td data-label="Overlay"><input type="checkbox" checked={!!overlays[r.id]} onChange={() => void toggle(r.id)} aria-label={`overlay run ${r.id}`} /></td>
                <td data-label="Use"><input type="radio" name="chosen-run" checked={chosen === r.id} disabled={!r.hasModel} onChange={() => choose(r.id)} aria-label={`generate with run ${r.id}`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened ? <RunDetails key={opened.id} run={opened} runs={runs} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

/** One run up close: its name, why it ended, its settings (and which differ from another run), its loss per Output. */
function RunDetails({ run, runs, onClose }: { run: RunInfo; runs: RunInfo[]; onClose: () => void }) {
  const nameRun = useRun((s) => s.nameRun);
  const deleteRun = useRun((s) => s.deleteRun);
  const [name, setName] = useState(run.name ?? '');
  const [otherId, setOtherId] = useState<string>(() => runs.find((r) => r.id !== run.id)?.id ?? '');
  const [losses, setLosses] = useState<ReturnType<typeof lossesPerOutput>>([]);
  useEffect(() => {
    if (!api) return;
    let live = true;
    api.readRunMetrics(runRef(run.id)).then(({ lines }) => live && setLosses(lossesPerOutput(lines)), () => live && setLosses([]));
    return () => void (live = false);
  }, [run.id, run.epochs]);
  const other = runs.find((r) => r.id === otherId && r.id !== run.id) ?? null;
  const rows = settingRows(run, other);
  const remove = () => {
    if (window.confirm(`Delete run ${run.name ?? run.id} and its files (weights, metrics, checkpoints)? This cannot be undone.`)) void deleteRun(run.id).then(onClose);
  };
  return (
    <div className="sw-run-details" role="group" aria-label={`details of run ${run.id}`}>
      <form className="sw-field" onSubmit={(e) => { e.preventDefault(); void nameRun(run.id, name); }}>
        <label htmlFor="run-name">Name</label>
        <div className="sw-run-controls">
          <input id="run-name" value={name} maxLength={200} placeholder={run.id} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="sw-button" disabled={name === (run.name ?? '')}>Rename</button>
          <button type="button" className="sw-button" onClick={remove}>Delete run…</button>
        </div>
      </form>
      {run.message ? <p className={run.status === 'failed' || run.status === 'diverged' ? 'sw-train-error' : 'muted'}>{run.message}</p> : null}
      {run.settings ? (
        <table className="sw-runs" aria-label="run settings">
          <thead>
            <tr>
              <th>Setting</th><th>This run</th>
              <th>
                {runs.length > 1 ? (
                  <select aria-label="compare with run" value={otherId} onChange={(e) => setOtherId(e.target.value)}>
                    {runs.filter((r) => r.id !== run.id).map((r) => <option key={r.id} value={r.id}>{r.name ?? r.id}</option>)}
                  </select>
                ) : 'Other run'}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.other !== null ? 'is-different' : undefined}>
                <td>{r.label}</td><td>{r.value}</td><td>{r.other ?? (other ? 'same' : '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="muted">{run.source ? `Imported from ${run.source}.` : 'This run recorded no settings.'}</p>}
      {losses.length ? (
        <table className="sw-runs" aria-label="loss per output">
          <thead><tr><th>Output</th><th>Loss</th><th>Val</th></tr></thead>
          <tbody>{losses.map((l) => <tr key={l.nodeId}><td><code>{l.nodeId}</code></td><td>{fmt(l.loss)}</td><td>{fmt(l.valLoss)}</td></tr>)}</tbody>
        </table>
      ) : null}
    </div>
  );
}
