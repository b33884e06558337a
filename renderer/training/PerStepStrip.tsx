import type { PreviewOutput, PreviewSamples } from '../../core/api/preview';
import { accuracyText, className, classColor, shortNames, stripRows, type StripCell } from './sample-view';

/**
 * Per-step predictions against the truth: one row per sample, a cell per
 * step coloured by class, the model's class above and the true one beneath;
 * a step the model got wrong is outlined, and crossed between the two.
 */
export function PerStepStrip({ preview, output }: { preview: PreviewSamples; output: PreviewOutput }) {
  const rows = stripRows(preview, output);
  const names = output.classNames;
  const seen = [...new Set(rows.flatMap((r) => r.cells.flatMap((c) => [c.predicted, c.truth])))].filter(Number.isInteger).sort((a, b) => a - b);
  const short = shortNames(names, seen);
  const cut = output.shape[0] !== output.fullShape[0] ? ` (first ${output.shape[0]} of ${output.fullShape[0]} steps)` : '';
  return (
    <figure className="sw-strip" aria-label={`per-step predictions of ${output.nodeId}`}>
      <figcaption>
        <strong>{output.nodeId}</strong>{output.field !== output.nodeId ? <> <span className="muted">against</span> <code>{output.field}</code></> : null}
        <span className="muted">{cut}: {accuracyText(rows)}</span>
      </figcaption>
      <ul className="sw-strip-legend" aria-label="classes">
        {seen.map((id) => (
          <li key={id}><span className="sw-swatch" style={{ background: classColor(id) }}>{short.get(id)}</span>{className(names, id)}</li>
        ))}
      </ul>
      <div className="sw-strip-rows">
        {rows.map((row) => (
          <table key={row.sample} className="sw-strip-row" aria-label={`sample ${row.sample + 1}: ${row.right} of ${row.cells.length} steps right`} data-wrong={row.cells.length - row.right}>
            <tbody>
              <tr>
                <th scope="row">model</th>
                {row.cells.map((c) => <Cell key={c.step} wrong={!c.right} id={c.predicted} text={short.get(c.predicted)} label={cellLabel(c, names)} />)}
              </tr>
              <tr className="sw-strip-marks" aria-hidden="true">
                <th />
                {row.cells.map((c) => <td key={c.step}>{c.right ? '' : '✗'}</td>)}
              </tr>
              <tr>
                <th scope="row">truth</th>
                {row.cells.map((c) => <Cell key={c.step} wrong={false} id={c.truth} text={short.get(c.truth)} label={`step ${c.step + 1}: truth ${className(names, c.truth)}`} />)}
              </tr>
            </tbody>
          </table>
        ))}
      </div>
    </figure>
  );
}

function Cell({ wrong, id, text, label }: { wrong: boolean; id: number; text: string | undefined; label: string }) {
  return (
    <td className={wrong ? 'sw-strip-cell is-wrong' : 'sw-strip-cell'} style={{ background: classColor(id) }} aria-label={label} title={label}>
      {text ?? String(id)}
    </td>
  );
}

function cellLabel(c: StripCell, names: string[] | null): string {
  const sure = c.confidence === null ? '' : ` (${Math.round(c.confidence * 100)}%)`;
  return `step ${c.step + 1}: model ${className(names, c.predicted)}${sure}${c.right ? ', right' : `, wrong: truth ${className(names, c.truth)}`}`;
}
