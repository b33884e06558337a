import { useEffect, useMemo, useRef, useState } from 'react';
import { cellAt, heatmapPixels, scaleFor, type Scale } from './heatmap';

export interface HeatmapProps {
  /** One row per step, one value per unit. */
  rows: ArrayLike<number>[];
  label: string;
  /** Names of the rows (tokens of the sample), else "step N". */
  rowNames?: readonly string[] | null;
  colNames?: readonly string[] | null;
  /** Values known to lie in [0, 1] (gates, attention weights). */
  unit?: boolean;
  /** Largest drawn size of the map; cells are square-ish within it. */
  maxWidth?: number;
  maxHeight?: number;
  /** Steps run down (rows) by default; `transpose` runs them across, as an unrolled network reads. */
  transpose?: boolean;
}

/** A time x units map on a canvas; hover names the step, the unit and the value. */
export function Heatmap({ rows, label, rowNames, colNames, unit, maxWidth = 320, maxHeight = 220, transpose }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const grid = useMemo(() => (transpose ? transposeRows(rows) : rows), [rows, transpose]);
  const scale: Scale = useMemo(() => scaleFor(grid, unit), [grid, unit]);
  const nRows = grid.length;
  const nCols = nRows ? grid[0].length : 0;
  const cellW = Math.max(1, Math.min(14, Math.floor(maxWidth / Math.max(1, nCols))));
  const cellH = Math.max(1, Math.min(14, Math.floor(maxHeight / Math.max(1, nRows))));

  useEffect(() => {
    const el = canvas.current;
    if (!el || !nRows || !nCols) return;
    const px = heatmapPixels(grid, scale);
    const small = new OffscreenCanvas(px.width, px.height);
    small.getContext('2d')!.putImageData(new ImageData(px.data, px.width, px.height), 0, 0);
    const ctx = el.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, el.width, el.height);
  }, [grid, scale, nRows, nCols]);

  const stepOf = (i: number) => rowNames?.[i] ?? `step ${i + 1}`;
  const unitOf = (j: number) => colNames?.[j] ?? `unit ${j}`;
  const at = hover ? { step: transpose ? hover.col : hover.row, unit: transpose ? hover.row : hover.col } : null;
  const value = hover ? grid[hover.row][hover.col] : null;
  return (
    <figure className="sw-heatmap" aria-label={label}>
      <figcaption>
        <span>{label}</span>
        <span className="muted sw-heatmap-readout" aria-live="polite">
          {at && value !== null ? `${stepOf(at.step)}, ${unitOf(at.unit)}: ${formatValue(value)}` : legendText(scale)}
        </span>
      </figcaption>
      <canvas
        ref={canvas}
        width={nCols * cellW}
        height={nRows * cellH}
        role="img"
        aria-label={`${label}: ${transpose ? `${nCols} steps x ${nRows} units` : `${nRows} steps x ${nCols} units`}`}
        onMouseMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setHover(cellAt(e.clientX - box.left, e.clientY - box.top, cellW, cellH, nRows, nCols));
        }}
        onMouseLeave={() => setHover(null)}
      />
    </figure>
  );
}

function transposeRows(rows: ArrayLike<number>[]): number[][] {
  const n = rows.length ? rows[0].length : 0;
  return Array.from({ length: n }, (_, j) => Array.from(rows, (r) => r[j]));
}

function legendText(scale: Scale): string {
  return scale.kind === 'unit' ? 'dark 0 to bright 1' : `blue -${formatValue(scale.limit)} to orange +${formatValue(scale.limit)}`;
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(2) : v.toFixed(3);
}
