/** A line drawn with the mouse, in canvas pixels. */
export type Line = [number, number][];

/**
 * Turns lines drawn with the mouse into stroke-5 steps (dx, dy, pen down,
 * pen up, end), offsets divided by their standard deviation as the datasets
 * normalise theirs (sketch-rnn's convention), so the model reads a primer in
 * the units it learned. The first step is an offset from the first point.
 */
export function linesToStroke5(lines: Line[]): [number, number, number, number, number][] {
  const steps: [number, number, number, number, number][] = [];
  let px: number | null = null;
  let py = 0;
  for (const line of lines) {
    line.forEach(([x, y], i) => {
      if (px === null) { px = x; py = y; return; }
      const last = i === line.length - 1;
      steps.push([x - px, y - py, last ? 0 : 1, last ? 1 : 0, 0]);
      px = x;
      py = y;
    });
  }
  if (steps.length === 0) return [];
  const values = steps.flatMap((s) => [s[0], s[1]]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  const scale = std > 1e-8 ? std : 1;
  return steps.map(([dx, dy, a, b, c]) => [dx / scale, dy / scale, a, b, c]);
}

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
