import { useEffect, useRef } from 'react';
import { bounds, splitLine, type Line } from './primer';

/** The model's ink, and the primer's (the primer pad's colour). */
const INK = '#e2e8f0';
const PRIMER_INK = '#7c9cff';

/** Draws polylines into a square canvas, point by point over `durationMs`, the way the pen went; the first `primerPoints` points in the primer's colour. */
export function StrokeCanvas({ lines, size = 120, durationMs = 900, label, primerPoints = 0 }: { lines: Line[]; size?: number; durationMs?: number; label: string; primerPoints?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = size * ratio;
    el.height = size * ratio;
    const box = bounds(lines);
    const total = lines.reduce((n, l) => n + l.length, 0);
    let frame = 0;
    const start = performance.now();
    const draw = (now: number) => {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size, size);
      if (!box) {
        // The model ended the drawing at its first step: say so rather than show a canvas that looks broken.
        ctx.fillStyle = '#64748b';
        ctx.font = '11px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.fillText('ended at once', size / 2, size / 2);
        return;
      }
      const pad = 10;
      const scale = (size - 2 * pad) / Math.max(box.width, box.height, 1e-6);
      const ox = pad + ((size - 2 * pad) - box.width * scale) / 2;
      const oy = pad + ((size - 2 * pad) - box.height * scale) / 2;
      let budget = Math.ceil(total * Math.min(1, (now - start) / durationMs));
      ctx.lineWidth = 2;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      let first = 0;
      for (const line of lines) {
        if (budget <= 0) break;
        const shown = line.slice(0, budget).map(([x, y]): [number, number] => [ox + (x - box.minX) * scale, oy + (y - box.minY) * scale]);
        const parts = splitLine(shown, first, primerPoints);
        ink(ctx, parts.primer, PRIMER_INK);
        ink(ctx, parts.model, INK);
        budget -= line.length;
        first += line.length;
      }
      if (now - start < durationMs) frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [lines, size, durationMs, primerPoints]);
  return <canvas ref={canvas} className="sw-stroke-canvas" style={{ width: size, height: size }} role="img" aria-label={label} data-points={lines.reduce((n, l) => n + l.length, 0)} />;
}

/** One polyline in pixels; a touch of the pen without a move is still ink on the page, as a dot. */
function ink(ctx: CanvasRenderingContext2D, points: Line, colour: string): void {
  if (!points.length) return;
  ctx.beginPath();
  if (points.length === 1) {
    ctx.arc(points[0][0], points[0][1], 1.5, 0, 2 * Math.PI);
    ctx.fillStyle = colour;
    ctx.fill();
    return;
  }
  points.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(px, py) : ctx.lineTo(px, py)));
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** A canvas to draw a primer on with the mouse (or a pen); gives the lines drawn. */
export function PrimerPad({ lines, onChange, size = 160 }: { lines: Line[]; onChange(lines: Line[]): void; size?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<Line | null>(null);
  // The lines from before the current one, so each move replaces the line being drawn rather than adding a copy.
  const before = useRef<Line[]>([]);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, size, size);
    ctx.strokeStyle = PRIMER_INK;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    for (const line of lines) {
      ctx.beginPath();
      line.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      ctx.stroke();
    }
  }, [lines, size]);
  const at = (e: React.PointerEvent): [number, number] => {
    const r = canvas.current!.getBoundingClientRect();
    return [Math.round(e.clientX - r.left), Math.round(e.clientY - r.top)];
  };
  return (
    <canvas
      ref={canvas}
      width={size}
      height={size}
      className="sw-primer-pad"
      aria-label="primer: draw the start of a drawing for the model to complete"
      role="img"
      onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); before.current = lines; drawing.current = [at(e)]; onChange([...lines, drawing.current]); }}
      onPointerMove={(e) => { if (drawing.current) { drawing.current = [...drawing.current, at(e)]; onChange([...before.current, drawing.current]); } }}
      onPointerUp={() => { drawing.current = null; }}
    />
  );
}
