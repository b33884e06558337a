import { useEffect, useRef } from 'react';
import type { WireValueView } from '../../core/api/probe';
import { colourOf, scaleFor, toRows } from './heatmap';
import { formatValue, Heatmap } from './Heatmap';

/** The value on one wire for the probed sample: a time x units map for sequences, bars for vectors, the picture for images. */
export function WireViewer({ wire, tokens, onUnpin }: { wire: WireValueView; tokens: string[] | null; onUnpin?: () => void }) {
  const { shape, values } = wire;
  let body;
  if (shape.length === 0) body = <p className="sw-wire-scalar">{formatValue(values[0])}</p>;
  else if (shape.length === 1) body = <Bars values={values} label={wire.wire} />;
  else if (shape.length === 3 && shape[2] <= 4) body = <Picture shape={shape} values={values} label={wire.wire} />;
  else body = <Heatmap rows={toRows(values, shape)} label="steps down, units across" rowNames={tokens} />;
  return (
    <section className="sw-wire-viewer" aria-label={`viewer of ${wire.wire}`}>
      <header>
        <code>{wire.wire}</code> <span className="muted">[{shape.join(', ')}]</span>
        {onUnpin ? <button type="button" className="sw-icon-button" aria-label={`unpin ${wire.wire}`} onClick={onUnpin}>×</button> : null}
      </header>
      {body}
    </section>
  );
}

function Bars({ values, label }: { values: number[]; label: string }) {
  const scale = scaleFor([values]);
  const limit = scale.kind === 'unit' ? 1 : scale.limit;
  const shown = values.slice(0, 256);
  const w = Math.max(2, Math.min(10, Math.floor(300 / shown.length)));
  return (
    <svg width={shown.length * w} height={64} role="img" aria-label={`${label}: ${values.length} values`}>
      <line x1={0} x2={shown.length * w} y1={32} y2={32} stroke="var(--line-2)" />
      {shown.map((v, j) => {
        const [r, g, b] = colourOf(v, scale);
        const h = (Math.min(1, Math.abs(v) / limit) * 30) || 0;
        return (
          <rect key={j} x={j * w} y={v >= 0 ? 32 - h : 32} width={w - 1} height={h} fill={`rgb(${r},${g},${b})`}>
            <title>{`unit ${j}: ${formatValue(v)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function Picture({ shape, values, label }: { shape: number[]; values: number[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const scale = scaleFor([values]);
    const data = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) {
      // One channel: the colour scale; three or four: the picture as it is (values in [0, 1]).
      const [r, g, b] = c === 1 ? colourOf(values[p], scale) : [values[p * c], values[p * c + 1], values[p * c + 2]].map((v) => Math.round(255 * Math.min(1, Math.max(0, v))));
      data.set([r, g, b, 255], p * 4);
    }
    const small = new OffscreenCanvas(w, h);
    small.getContext('2d')!.putImageData(new ImageData(data, w, h), 0, 0);
    const ctx = el.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, el.width, el.height);
  }, [values, w, h, c]);
  const zoom = Math.max(1, Math.floor(160 / Math.max(w, h)));
  return <canvas ref={canvas} width={w * zoom} height={h * zoom} role="img" aria-label={`${label}: an image ${h} x ${w}`} />;
}

/** Attention weights of one sample: decoder steps down, encoder steps across, tokens on both axes. */
export function AttentionMap({ nodeId, weights, queryTokens, valueTokens }: { nodeId: string; weights: number[][]; queryTokens: string[] | null; valueTokens: string[] | null }) {
  const label = `${nodeId}: weight of each value step (across) for each query step (down); rows sum to 1`;
  const cols = weights[0]?.length ?? 0;
  // Small maps read best as a grid with the tokens written on its edges; long ones as a heatmap.
  if (weights.length > 40 || cols > 40) {
    return (
      <figure className="sw-attention" aria-label={`attention of ${nodeId}`}>
        <Heatmap rows={weights} label={label} rowNames={queryTokens} colNames={valueTokens} unit maxWidth={300} maxHeight={300} />
      </figure>
    );
  }
  return (
    <figure className="sw-attention" aria-label={`attention of ${nodeId}`}>
      <figcaption>{label}</figcaption>
      <table className="sw-attention-grid" aria-label={`${nodeId}: ${weights.length} query steps x ${cols} value steps`}>
        <thead>
          <tr><th />{Array.from({ length: cols }, (_, j) => <th key={j} scope="col">{valueTokens?.[j] ?? j + 1}</th>)}</tr>
        </thead>
        <tbody>
          {weights.map((row, i) => (
            <tr key={i}>
              <th scope="row">{queryTokens?.[i] ?? i + 1}</th>
              {row.map((w, j) => {
                const [r, g, b] = colourOf(w, { kind: 'unit' });
                const text = `${queryTokens?.[i] ?? `step ${i + 1}`} looks at ${valueTokens?.[j] ?? `step ${j + 1}`}: ${formatValue(w)}`;
                return <td key={j} style={{ background: `rgb(${r},${g},${b})` }} title={text} aria-label={text}>{Math.round(w * 100)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted sw-attention-axis">weights in percent; brighter is more attention</p>
    </figure>
  );
}
