import { useEffect, useRef, useState } from 'react';
import type { GlimpseProbeView, ProbeRunResult } from '../../core/api/probe';
import { colourOf, scaleFor } from './heatmap';
import { formatValue } from './Heatmap';
import { argmax, glimpseFrame, trueClass } from './glimpse-view';

type Head = GlimpseProbeView['heads'][number];

/**
 * Digits read by glimpses, for one sample: the image with the box each
 * glimpse read (its filter centres, its blur as a soft edge of σ pixels),
 * step by step, the current glimpse bright and the earlier ones faded; and
 * beside it what the model's head would say after each glimpse, the true
 * class and the prediction marked. The last row is the model's own output.
 */
export function GlimpseView({ probe, glimpse }: { probe: ProbeRunResult; glimpse: GlimpseProbeView }) {
  const steps = glimpse.where.length;
  const [step, setStep] = useState(steps - 1);
  // Another sample, or another probe of a run still learning, starts again from the whole read.
  useEffect(() => setStep(steps - 1), [probe.datasetIndex, steps]);
  const shown = Math.min(step, steps - 1);
  const [cx, cy, stride, blur, gain] = glimpse.where[shown];
  return (
    <section className="sw-glimpses" aria-label={`glimpses of ${glimpse.nodeId}`}>
      <div className="sw-run-controls" role="group" aria-label="glimpse step">
        <button type="button" className="sw-button" aria-label="previous glimpse" disabled={shown === 0} onClick={() => setStep(shown - 1)}>◀</button>
        <input type="range" min={1} max={steps} value={shown + 1} aria-label="glimpse" onChange={(e) => setStep(Number(e.target.value) - 1)} />
        <button type="button" className="sw-button" aria-label="next glimpse" disabled={shown === steps - 1} onClick={() => setStep(shown + 1)}>▶</button>
        <span role="status" aria-label="current glimpse">glimpse {shown + 1} of {steps}</span>
      </div>
      <p className="muted sw-glimpse-readout">
        centre ({formatValue(cx + 0.5)}, {formatValue(cy + 0.5)}) px, {glimpse.grid} × {glimpse.grid} filters {formatValue(stride)} px apart, blur σ {formatValue(blur)} px, gain {formatValue(gain)}
      </p>
      <div className="sw-glimpse-row">
        <div className="sw-glimpse-column">
          <GlimpseImage glimpse={glimpse} step={shown} />
          <ReadStrip glimpse={glimpse} step={shown} onStep={setStep} />
        </div>
        {glimpse.heads.map((head) => <StepProbabilities key={head.nodeId} probe={probe} head={head} step={shown} onStep={setStep} />)}
      </div>
    </section>
  );
}

const SIDE = 260;

function GlimpseImage({ glimpse, step }: { glimpse: GlimpseProbeView; step: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = glimpse.image.shape;
  const frame = glimpseFrame(glimpse);
  const zoom = SIDE / Math.max(frame.width, frame.height);
  useEffect(() => {
    if (canvas.current) paint(canvas.current, glimpse.image.values, w, h, c);
  }, [glimpse.image, w, h, c]);
  const box = glimpse.boxes[step];
  const label = `${glimpse.nodeId}: the ${h} x ${w} image with glimpses 1 to ${step + 1}; glimpse ${step + 1} centred at (${Math.round(box.left + box.width / 2)}, ${Math.round(box.top + box.height / 2)}), ${Math.round(box.width)} px wide`;
  return (
    <figure className="sw-glimpse-image" style={{ width: frame.width * zoom, height: frame.height * zoom }}>
      <canvas ref={canvas} width={Math.round(w * zoom)} height={Math.round(h * zoom)} style={{ left: -frame.x * zoom, top: -frame.y * zoom }} aria-hidden="true" />
      <svg viewBox={`${frame.x} ${frame.y} ${frame.width} ${frame.height}`} width={frame.width * zoom} height={frame.height * zoom} role="img" aria-label={label}>
        <rect x={0} y={0} width={w} height={h} className="sw-glimpse-edge" vectorEffect="non-scaling-stroke" />
        {glimpse.boxes.slice(0, step + 1).map((b, t) => {
          const current = t === step;
          return (
            <g key={t} className={current ? 'sw-glimpse-box is-current' : 'sw-glimpse-box'} data-step={t + 1} aria-label={`glimpse ${t + 1}`}>
              {/* The current glimpse's soft edge: every filter reaches about σ past its centre. */}
              {current ? <rect x={b.left} y={b.top} width={b.width} height={b.height} className="sw-glimpse-blur" strokeWidth={2 * b.blur} /> : null}
              <rect x={b.left} y={b.top} width={b.width} height={b.height} className="sw-glimpse-line" vectorEffect="non-scaling-stroke" />
              {current ? b.ys.flatMap((y, i) => b.xs.map((x, j) => <circle key={`${i}-${j}`} cx={x} cy={y} r={Math.max(b.blur, 0.15)} className="sw-glimpse-filter" />)) : null}
              <text x={b.left + 0.6} y={b.top + 0.6} className="sw-glimpse-step" fontSize={Math.max(frame.width, frame.height) / 16} dominantBaseline="hanging">{t + 1}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">dots: the current glimpse's Gaussian filters, σ as radius; soft band: σ; dashed: earlier glimpses</figcaption>
    </figure>
  );
}

/** What each glimpse's n × n filters read (before the gain): the picture the reader's LSTM got at each step. */
function ReadStrip({ glimpse, step, onStep }: { glimpse: GlimpseProbeView; step: number; onStep(step: number): void }) {
  const channels = glimpse.image.shape[2] ?? 1;
  return (
    <figure className="sw-glimpse-reads" aria-label={`what each glimpse of ${glimpse.nodeId} read`}>
      <div className="sw-glimpse-read-row">
        {glimpse.patches.map((values, t) => (
          <button key={t} type="button" className={t === step ? 'sw-glimpse-read is-current' : t > step ? 'sw-glimpse-read is-later' : 'sw-glimpse-read'} aria-label={`glimpse ${t + 1} read`} aria-pressed={t === step} onClick={() => onStep(t)}>
            <Patch values={values} n={glimpse.grid} channels={channels} />
            <span>{t + 1}</span>
          </button>
        ))}
      </div>
      <figcaption className="muted">what each glimpse read: its {glimpse.grid} × {glimpse.grid} filters, before the gain</figcaption>
    </figure>
  );
}

function Patch({ values, n, channels }: { values: number[]; n: number; channels: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) paint(canvas.current, values, n, n, channels);
  }, [values, n, channels]);
  return <canvas ref={canvas} width={48} height={48} aria-hidden="true" />;
}

/** Draws an image [h, w, c] (values 0 to 1) onto a canvas, scaled up without smoothing: grey levels as they are, colour as the first three channels. */
function paint(el: HTMLCanvasElement, values: number[], w: number, h: number, c: number): void {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    const rgb = c >= 3 ? [values[p * c], values[p * c + 1], values[p * c + 2]] : [values[p * c], values[p * c], values[p * c]];
    data.set(rgb.map((v) => Math.round(255 * Math.min(1, Math.max(0, v)))).concat(255), p * 4);
  }
  const small = new OffscreenCanvas(w, h);
  small.getContext('2d')!.putImageData(new ImageData(data, w, h), 0, 0);
  const ctx = el.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, el.width, el.height);
}

function StepProbabilities({ probe, head, step, onStep }: { probe: ProbeRunResult; head: Head; step: number; onStep(step: number): void }) {
  const classes = head.model.length;
  const truth = trueClass(probe, head.nodeId, classes);
  const predicted = argmax(head.model);
  const probabilities = head.head === 'softmax';
  const scale = probabilities ? ({ kind: 'unit' } as const) : scaleFor(head.perStep);
  const now = head.perStep[step];
  const best = argmax(now);
  const name = (k: number) => String(k);
  return (
    <figure className="sw-glimpse-probs" aria-label={`${head.nodeId} after each glimpse`}>
      <figcaption>
        <strong>{head.nodeId}</strong> <span className="muted">{probabilities ? 'class probabilities' : `${head.head} outputs`} after each glimpse</span>
      </figcaption>
      <table className="sw-glimpse-grid" aria-label={`${head.nodeId}: ${head.perStep.length} glimpses x ${classes} classes`}>
        <thead>
          <tr>
            <th />
            {Array.from({ length: classes }, (_, k) => (
              <th key={k} scope="col" className={k === truth ? 'is-truth' : undefined} title={k === truth ? 'the true class' : undefined}>{name(k)}{k === truth ? '✓' : ''}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {head.perStep.map((row, t) => {
            const top = argmax(row);
            return (
              <tr key={t} className={t === step ? 'is-current' : t > step ? 'is-later' : undefined} onClick={() => onStep(t)}>
                <th scope="row">{t + 1}</th>
                {row.map((p, k) => {
                  const [r, g, b] = colourOf(p, scale);
                  const text = `after glimpse ${t + 1}: ${name(k)} ${probabilities ? `${(p * 100).toFixed(1)}%` : formatValue(p)}${k === top ? ', the most likely' : ''}${k === truth ? ', the true class' : ''}`;
                  return <td key={k} className={k === top ? 'is-top' : undefined} style={{ background: `rgb(${r},${g},${b})` }} title={text} aria-label={text}>{probabilities ? Math.round(p * 100) : formatValue(p)}</td>;
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="sw-glimpse-verdict" role="status" aria-label={`${head.nodeId} verdict`}>
        After glimpse {step + 1}: <strong>{name(best)}</strong>{probabilities ? ` (${Math.round(now[best] * 100)}%)` : ''}.{' '}
        The model predicts <strong>{name(predicted)}</strong>
        {truth === null ? '' : truth === predicted ? <span className="ok">, the true class ✓</span> : <span className="bad">; the true class is {name(truth)} ✗</span>}
      </p>
      <p className="muted sw-glimpse-key">rows: glimpses (the last is the model's own output); the most likely class outlined; ✓ marks the true class</p>
    </figure>
  );
}
