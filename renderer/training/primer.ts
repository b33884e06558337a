import type { Polyline } from '../../core/data/stroke5';

/** A line drawn with the mouse, in canvas pixels (made into stroke-5 by core/data/stroke5.ts's `drawingToStroke5`). */
export type Line = Polyline;

/** The box that holds every point, for drawing polylines scaled into a canvas. */
export function bounds(lines: Line[]): { minX: number; minY: number; width: number; height: number } | null {
  const pts = lines.flat();
  if (pts.length === 0) return null;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return { minX, minY, width: Math.max(...xs) - minX, height: Math.max(...ys) - minY };
}

/**
 * Splits a line that starts at point `first` (counting over the whole drawing)
 * where the primer's `primerPoints` points end: the primer's part, and the
 * model's, which starts from the primer's last point when the pen did not
 * lift between them, so the ink stays joined.
 */
export function splitLine(line: Line, first: number, primerPoints: number): { primer: Line; model: Line } {
  const b = Math.max(0, Math.min(line.length, primerPoints - first));
  return { primer: line.slice(0, b), model: b < line.length ? line.slice(Math.max(0, b - 1)) : [] };
}
