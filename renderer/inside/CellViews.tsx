import { useMemo, useState } from 'react';
import type { CellProbeView } from '../../core/api/probe';
import { colourOf, saturatedShare, scaleFor, unrolledSteps } from './heatmap';
import { formatValue, Heatmap } from './Heatmap';

const GATE_TEXT: Record<string, string> = {
  i: 'input gate i: how much of the candidate enters the cell',
  f: 'forget gate f: how much of the cell state is kept (near 1: the gradient highway)',
  o: 'output gate o: how much of the cell state shows in h',
  g: 'candidate g: what may be written to the cell',
  z: 'update gate z: how much of the old state is kept',
  r: 'reset gate r: how much of the old state the candidate reads',
  hh: 'candidate h: the new state proposed',
};

/** The states of one traced layer through time, h (and c) as maps with the sample's tokens on the steps. */
export function StateMaps({ cell, tokens }: { cell: CellProbeView; tokens: string[] | null }) {
  const name = `${cell.layer}${cell.direction === 'backward' ? ' (backward)' : ''}`;
  return (
    <div className="sw-inside-row">
      <Heatmap rows={cell.h} label={`${name}: hidden state h, steps x units`} rowNames={tokens} />
      {cell.c ? <Heatmap rows={cell.c} label={`${name}: cell state c`} rowNames={tokens} /> : null}
    </div>
  );
}

/** One strip per gate (steps x units), with the share of saturated values: a gate near 0 or 1 passes little gradient through itself. */
export function GateStrips({ cell, tokens }: { cell: CellProbeView; tokens: string[] | null }) {
  const gates = Object.entries(cell.gates);
  if (!gates.length) return <p className="muted">A {cell.cell} has no gates: its state is tanh(x W + h U + b).</p>;
  return (
    <div className="sw-inside-row">
      {gates.map(([g, rows]) => {
        const candidate = g === 'g' || g === 'hh';
        const share = candidate ? null : saturatedShare(rows);
        return (
          <div key={g} className="sw-gate">
            <Heatmap rows={rows} label={GATE_TEXT[g] ?? g} rowNames={tokens} unit={!candidate} maxWidth={150} maxHeight={160} />
            {share !== null ? <span className="muted">{Math.round(share * 100)}% saturated (within 0.05 of 0 or 1)</span> : null}
          </div>
        );
      })}
    </div>
  );
}

/**
 * The layer drawn through time, as the lecture's slides do: one cell per
 * step, h (and c) passed to the right, the input below, the output above;
 * each cell shaded by its state. Long sequences fold their middle steps.
 */
export function Unrolled({ cell, tokens, room = 9 }: { cell: CellProbeView; tokens: string[] | null; room?: number }) {
  const steps = unrolledSteps(cell.steps, room);
  const scale = useMemo(() => scaleFor(cell.h), [cell.h]);
  const W = 64;
  const gap = 26;
  const bars = Math.min(cell.units, 24);
  const width = steps.length * (W + gap) + 10;
  const backward = cell.direction === 'backward';
  return (
    <figure className="sw-unrolled" aria-label={`${cell.layer} unrolled over ${cell.steps} steps`}>
      <figcaption>
        {cell.layer} unrolled: {cell.steps} steps{backward ? ', read from the end' : ''}; each box is the same {cell.cell} with the same weights, its
        shading the state h after that step ({bars < cell.units ? `first ${bars} of ${cell.units} units` : `${cell.units} units`}).
      </figcaption>
      <svg width={width} height={150} role="img" aria-label={`${cell.layer} through time`}>
        <defs>
          <marker id="sw-arrow" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">
            <path d="M0,0 L6,3 L0,6 z" fill="var(--text-3)" />
          </marker>
        </defs>
        {steps.map((t, k) => {
          const x = 5 + k * (W + gap);
          if (t === null) return <text key={`gap${k}`} x={x + W / 2} y={78} textAnchor="middle" className="sw-unrolled-fold">… {cell.steps - steps.length + 1} steps …</text>;
          const h = cell.h[t];
          const next = steps[k + 1];
          return (
            <g key={t}>
              <text x={x + W / 2} y={12} textAnchor="middle" className="sw-unrolled-label">h{t + 1}</text>
              <line x1={x + W / 2} y1={40} x2={x + W / 2} y2={18} stroke="var(--text-3)" markerEnd="url(#sw-arrow)" />
              <rect x={x} y={42} width={W} height={60} rx={6} className="sw-unrolled-cell">
                <title>{`step ${t + 1}${tokens?.[t] ? ` (${tokens[t]})` : ''}: |h| ${formatValue(Math.hypot(...h))}`}</title>
              </rect>
              {Array.from({ length: bars }, (_, j) => {
                const [r, g, b] = colourOf(h[j], scale);
                return <rect key={j} x={x + 4 + (j * (W - 8)) / bars} y={48} width={(W - 8) / bars} height={48} fill={`rgb(${r},${g},${b})`} />;
              })}
              <line x1={x + W / 2} y1={128} x2={x + W / 2} y2={104} stroke="var(--text-3)" markerEnd="url(#sw-arrow)" />
              <text x={x + W / 2} y={142} textAnchor="middle" className="sw-unrolled-label">{tokens?.[t] ?? `x${t + 1}`}</text>
              {next !== undefined ? (
                <line x1={backward ? x + W + gap - 2 : x + W} y1={72} x2={backward ? x + W + 2 : x + W + gap - 2} y2={72} stroke="var(--accent)" strokeWidth={1.5} markerEnd="url(#sw-arrow)">
                  <title>{cell.c ? 'h and c passed on to the next step' : 'h passed on to the next step'}</title>
                </line>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Karpathy's neuron hunt: the sample's steps coloured by one unit's activation. */
export function NeuronHunt({ cell, tokens }: { cell: CellProbeView; tokens: string[] | null }) {
  const [unit, setUnit] = useState(0);
  const u = Math.min(unit, cell.units - 1);
  const values = cell.h.map((row) => row[u]);
  const scale = scaleFor([values]);
  return (
    <figure className="sw-neuron" aria-label={`unit ${u} of ${cell.layer} over the sample`}>
      <figcaption>
        <label>
          Unit <input type="number" min={0} max={cell.units - 1} value={u} aria-label="unit" onChange={(e) => setUnit(Math.max(0, Math.min(cell.units - 1, Math.round(Number(e.target.value)) || 0)))} />
        </label>{' '}
        <span className="muted">of {cell.layer}: each step coloured by h[{u}] (blue negative, orange positive)</span>
      </figcaption>
      <p className="sw-neuron-text">
        {values.map((v, t) => {
          const [r, g, b] = colourOf(v, scale);
          return <span key={t} style={{ background: `rgb(${r},${g},${b})` }} title={`step ${t + 1}: ${formatValue(v)}`}>{tokens?.[t] ?? '·'}</span>;
        })}
      </p>
    </figure>
  );
}
