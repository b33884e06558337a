import type { PreviewOutput, PreviewSamples } from '../../core/api/preview';
import { accuracyText, className, classColor, shortName, stripRows, type StripCell } from './sample-view';

/**
 * Per-step predictions against the truth: one row per sample, a cell per
 * step coloured by class, the model's class above and the true one beneath;
 * a step the model got wrong is outlined and crossed.
 */
export function PerStepStrip({ preview, output }: { preview: PreviewSamples; output: PreviewOutput }) {
  const rows = stripRows(preview, output);
  const names = output.classNames;
  const seen = [...new Set(rows.flatMap((r) => r.cells.flatMap((c) => [c.predicted, c.truth])))].filter(Number.isInteger).sort((a, b) => a - b);
  const cut = output.shape[0] !== output.fullShape[0] ? ` (first ${output.shape[0]} of ${output.fullShape[0]} steps)` : '';
  return (
    <figure className="sw-strip" aria-label={`per-step predictions of ${output.nodeId}`}>
      <figcaption>
        <strong>{output.nodeId}</strong> <span className="muted">against <code>{output.field}</code>{cut}: {accuracyText(rows)}</span>
      </figcaption>
      <ul className="sw-strip-legend" aria-label="classes">
        {seen.map((id) => (
          <li key={id}><span className="sw-swatch" style={{ background: classColor(id) }} />{className(names, id)}</li>
        ))}
      </ul>
      <div className="sw-strip-rows">
        {rows.map((row) => (
          <table key={row.sample} className="sw-strip-row" aria-label={`sample ${row.sample + 1}: ${row.right} of ${row.cells.length} steps right`} data-wrong={row.cells.length - row.right}>
            <tbody>
              <tr>
                <th scope="row">model</th>
                {row.cells.map((c) => <Cell key={c.step} cell={c} id={c.predicted} names={names} label={cellLabel(c, names)} />)}
              </tr>
              <tr>
                <th scope="row">truth</th>
                {row.cells.map((c) => <Cell key={c.step} cell={c} id={c.truth} names={names} label={`step ${c.step + 1}: truth ${className(names, c.truth)}`} />)}
              </tr>
            </tbody>
          </table>
        ))}
      </div>
    </figure>
  );
}

function Cell({ cell, id, names, label }: { cell: StripCell; id: number; names: string[] | null; label: string }) {
  return (
    <td className={cell.right ? 'sw-strip-cell' : 'sw-strip-cell is-wrong'} style={{ background: classColor(id) }} aria-label={label} title={label}>
      {shortName(names, id)}
    </td>
  );
}

function cellLabel(c: StripCell, names: string[] | null): string {
  const sure = c.confidence === null ? '' : ` (${Math.round(c.confidence * 100)}%)`;
  return `step ${c.step + 1}: model ${className(names, c.predicted)}${sure}${c.right ? ', right' : `, wrong: truth ${className(names, c.truth)}`}`;
}
