import { useEffect, useMemo, useState } from 'react';
import type { Payload } from '../../core/api/contract';
import type { GeneratedDrawing } from '../../core/generate/present';
import { host } from '../host/host';
import { fitPoints, frameAt, frameEllipses, inkPaths, replayPoints } from './replay-view';
import type { Line } from './primer';
import { StrokeCanvas } from './StrokeCanvas';
import './stroke-replay.css';

const SIZE = 260;
const PAD = 16;
/** Steps a second while playing: a drawing of 60 steps takes 5 s. */
const STEPS_PER_SECOND = 12;
const PEN_NAMES = ['pen down', 'pen up', 'end'] as const;

/**
 * The generated drawings, and one of them replayed step by step: play/pause,
 * a scrubber over its steps, the primer in the primer pad's colour and the
 * model's continuation in another, and at the current step the mixture the
 * model drew that step from (1-sigma ellipses, opacity = weight) with its pen
 * probabilities. `request` is the generation that drew them: another drawing's
 * mixtures come from the same request (same seed), asked for that drawing.
 */
export function StrokeReplay({ drawings, request }: { drawings: GeneratedDrawing[]; request: Payload<'generate'> }) {
  const [picked, setPicked] = useState(0);
  const [traced, setTraced] = useState<Record<number, GeneratedDrawing>>({});
  const [error, setError] = useState<string | null>(null);
  // New drawings: replay the first again, and forget the mixtures fetched for the old ones.
  const [shown, setShown] = useState(drawings);
  const [round, setRound] = useState(0);
  if (shown !== drawings) {
    setShown(drawings);
    setRound(round + 1);
    setPicked(0);
    setTraced({});
  }
  const drawing = traced[picked] ?? drawings[picked];

  useEffect(() => {
    // Asked once per drawing: a model whose drawings carry no mixtures (not step by step) is not asked again.
    if (!drawing || drawing.mixtures || traced[picked] || !host.services) return;
    let live = true;
    setError(null);
    host.services
      .generate({ ...request, mixturesFor: [picked] })
      .then((r) => {
        const again = r.kind === 'strokes' ? r.drawings[picked] : undefined;
        if (!live || !again) return;
        // The same request and seed draw the same drawing; if the run changed meanwhile, say so rather than replay another one silently.
        if (JSON.stringify(again.stroke5) !== JSON.stringify(drawing.stroke5)) setError('This drawing came out differently when asked again (has the run changed?): the replay shows the new one.');
        setTraced((t) => ({ ...t, [picked]: again }));
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [drawing, picked, request, traced]);

  return (
    <section className="sw-train-section" aria-label="generated strokes">
      <div className="sw-stroke-grid">
        {drawings.map((d, i) => (
          <div key={i} className={`sw-stroke-pick${i === picked ? ' is-picked' : ''}`} onClick={() => setPicked(i)} title="replay this drawing">
            {d.asked === undefined ? (
              <StrokeCanvas lines={d.polylines as Line[]} label={`generated drawing ${i + 1}`} primerPoints={primerPoints(d)} />
            ) : (
              <figure className="sw-stroke-figure">
                <StrokeCanvas lines={d.polylines as Line[]} label={`generated drawing ${i + 1}, asked for ${d.asked}`} primerPoints={primerPoints(d)} />
                <figcaption>asked for <b>{d.asked}</b></figcaption>
              </figure>
            )}
          </div>
        ))}
      </div>
      {drawing ? <Replay key={`${round}:${picked}`} drawing={drawing} index={picked} count={drawings.length} fetching={!drawing.mixtures && !traced[picked] && !error} onPick={setPicked} /> : null}
      {error ? <div className="sw-train-error" role="alert">{error}</div> : null}
    </section>
  );
}

/** Points the primer drew: one per primer step, up to an end among them. */
function primerPoints(d: GeneratedDrawing): number {
  const end = d.stroke5.slice(0, d.primed).findIndex((s) => s[4] >= 0.5);
  return end < 0 ? d.primed : end;
}

function Replay({ drawing, index, count, fetching, onPick }: { drawing: GeneratedDrawing; index: number; count: number; fetching: boolean; onPick(i: number): void }) {
  const points = useMemo(() => replayPoints(drawing), [drawing]);
  const fit = useMemo(() => fitPoints(points, SIZE, PAD), [points]);
  const last = drawing.stroke5.length;
  // Start where the model takes over: the primer drawn, the first mixture shown.
  const [step, setStep] = useState(Math.min(drawing.primed, last));
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => setStep((s) => (s >= last ? s : s + 1)), 1000 / STEPS_PER_SECOND);
    return () => clearInterval(timer);
  }, [playing, last]);
  useEffect(() => {
    if (step >= last) setPlaying(false);
  }, [step, last]);

  const ink = inkPaths(points, step, fit);
  const frame = frameAt(drawing, step);
  const ellipses = frame ? frameEllipses(frame, fit) : [];
  const went = points[step];
  const heaviest = frame ? Math.max(...frame.weights) : 0;
  const caption = frame
    ? `step ${step + 1} of ${last}: drawn from ${frame.weights.length} Gaussians, the heaviest weighing ${heaviest.toFixed(2)}`
    : step < drawing.primed ? `step ${step + 1} of ${last}: the primer` : step >= last ? `all ${last} steps drawn` : `step ${step + 1} of ${last}`;

  return (
    <div className="sw-replay" role="group" aria-label="stroke replay">
      <div className="sw-replay-head">
        <label>
          Replay drawing{' '}
          <select aria-label="drawing to replay" value={index} onChange={(e) => onPick(Number(e.target.value))}>
            {Array.from({ length: count }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
          </select>
          {drawing.asked !== undefined ? <> (the class asked: <b>{drawing.asked}</b>)</> : null}
        </label>
        <ul className="sw-strip-legend" aria-label="replay legend">
          {drawing.primed ? <li><span className="sw-swatch sw-replay-primer" />your primer</li> : null}
          <li><span className="sw-swatch sw-replay-model" />model's continuation</li>
          <li><span className="sw-swatch sw-replay-gauss" />Gaussians, 1σ (opacity = weight)</li>
          <li><span className="sw-swatch sw-replay-went" />where the pen went</li>
        </ul>
      </div>
      <svg className="sw-replay-svg" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={`replay of drawing ${index + 1}, ${caption}`} data-step={step} data-points={points.length}>
        <g aria-label="mixture" data-gaussians={ellipses.length}>
          {ellipses.map((e, k) => (
            <ellipse key={k} cx={e.cx} cy={e.cy} rx={Math.max(e.rx, 0.5)} ry={Math.max(e.ry, 0.5)} transform={`rotate(${e.degrees.toFixed(2)} ${e.cx.toFixed(2)} ${e.cy.toFixed(2)})`} opacity={e.weight} className="sw-replay-ellipse" />
          ))}
        </g>
        <path d={ink.primer} className="sw-replay-ink is-primer" />
        <path d={ink.model} className="sw-replay-ink is-model" />
        {frame ? <circle cx={fit.x(frame.at[0])} cy={fit.y(frame.at[1])} r={3} className="sw-replay-pen" /> : null}
        {frame && went ? <circle cx={fit.x(went.x)} cy={fit.y(went.y)} r={4.5} className="sw-replay-went" /> : null}
      </svg>
      <div className="sw-replay-controls">
        <button type="button" className="sw-button" onClick={() => { if (step >= last) setStep(0); setPlaying(!playing); }}>{playing ? 'Pause' : 'Play'}</button>
        <input type="range" aria-label="replay step" min={0} max={last} step={1} value={step} onChange={(e) => { setPlaying(false); setStep(Number(e.target.value)); }} />
        <output aria-label="replay position">{Math.min(step + 1, last)}/{last}</output>
      </div>
      <p className="muted sw-replay-caption">{caption}</p>
      {frame ? <PenBars pen={frame.pen} earlyEnd={frame.earlyEnd} /> : drawing.mixtures ? null : <p className="muted">{fetching ? "Fetching this drawing's mixtures…" : 'No mixtures for this drawing (its model is not generated step by step).'}</p>}
    </div>
  );
}

function PenBars({ pen, earlyEnd }: { pen: [number, number, number]; earlyEnd?: number }) {
  return (
    <>
      <ul className="sw-replay-pen-probs" aria-label="pen probabilities">
        {pen.map((p, k) => (
          <li key={k} aria-label={`${PEN_NAMES[k]} ${(p * 100).toFixed(0)}%`}>
            <span className="sw-replay-pen-name">{PEN_NAMES[k]}</span>
            <span className="sw-replay-bar"><span style={{ width: `${(p * 100).toFixed(1)}%` }} /></span>
            <span className="sw-replay-pen-value">{p.toFixed(2)}</span>
          </li>
        ))}
      </ul>
      {earlyEnd !== undefined ? <p className="muted sw-replay-caption">The model drew the end here (p = {earlyEnd.toFixed(2)}) before the minimum steps; the end was struck out and the pen drawn again.</p> : null}
    </>
  );
}
