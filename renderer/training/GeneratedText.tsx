import type { Result } from '../../core/api/contract';
import './samples-preview.css';
import { checkedText } from './sample-view';

type TextResult = Extract<Result<'generate'>, { kind: 'text' }>;

/**
 * Generated text a student can check: per sample the picture or question it
 * was made from (as written), the model's text, the true one and a tick or a
 * cross, with how many were right and which split the samples came from.
 */
export function GeneratedText({ result }: { result: TextResult }) {
  const { rows, pictures, questions, checked, summary } = checkedText(result);
  return (
    <section className="sw-train-section" aria-label="generated sequences">
      {summary ? <p className="muted" role="status">{summary}</p> : null}
      <table className="sw-runs sw-generated-text">
        <thead>
          <tr>
            {checked ? <th>Sample</th> : null}
            {pictures ? <th>Picture</th> : null}
            {questions ? <th>Input</th> : null}
            <th>Model</th>
            {checked ? <th>Truth</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.right === false ? 'is-wrong' : ''} aria-label={r.label}>
              {checked ? <td className="muted">{r.index === undefined ? '—' : `#${r.index}`}</td> : null}
              {pictures ? <td>{r.image ? <Picture rows={r.image} label={`picture of sample ${i + 1}`} /> : '—'}</td> : null}
              {questions ? <td><code>{r.input ?? '—'}</code></td> : null}
              <td><code>{r.output}</code></td>
              {checked ? <td><code>{r.truth ?? '—'}</code> {r.right === undefined ? null : <span className={r.right ? 'sw-tick' : 'sw-cross'} aria-hidden="true">{r.right ? '✓' : '✗'}</span>}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A small greyscale picture, one square per pixel, lit by its value. */
function Picture({ rows, label }: { rows: number[][]; label: string }) {
  const h = rows.length;
  const w = rows[0]?.length ?? 0;
  const scale = Math.max(2, Math.floor(48 / Math.max(1, w, h)));
  return (
    <svg className="sw-picture" width={w * scale} height={h * scale} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={w} height={h} fill="#0b1020" />
      {rows.flatMap((row, y) => row.map((v, x) => (v > 0 ? <rect key={`${x},${y}`} x={x} y={y} width={1} height={1} fill="#e2e8f0" opacity={Math.min(1, v)} /> : null)))}
    </svg>
  );
}
