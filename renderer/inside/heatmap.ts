/**
 * Heatmaps of what flows inside a network: one row per time step (or query
 * step), one column per unit. Values become pixels in one pass over a flat
 * RGBA buffer, drawn once and scaled up by the canvas without smoothing, so a
 * 100-step x 128-unit map costs one putImageData and one drawImage.
 */

/** How values map to colours: `diverging` around 0 (states, outputs), `unit` over [0, 1] (gates, attention). */
export type Scale = { kind: 'diverging'; limit: number } | { kind: 'unit' };

/** The scale that fits the values: a unit scale when all lie in [0, 1], else diverging to the largest magnitude. */
export function scaleFor(rows: ArrayLike<number>[], unit = false): Scale {
  let max = 0;
  let min = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v > max) max = v;
      if (v < min) min = v;
    }
  }
  if (unit || (min >= 0 && max <= 1 && max > 0)) return { kind: 'unit' };
  return { kind: 'diverging', limit: Math.max(Math.abs(min), Math.abs(max), 1e-12) };
}

// Diverging: blue (negative) through the panel colour to orange (positive); unit: dark to bright teal.
const NEG = [96, 165, 250];
const MID = [21, 27, 38];
const POS = [251, 146, 60];
const HIGH = [45, 212, 191];

/** The colour of one value under a scale, as [r, g, b]. */
export function colourOf(value: number, scale: Scale): [number, number, number] {
  if (!Number.isFinite(value)) return [248, 113, 113];
  if (scale.kind === 'unit') {
    const t = Math.min(1, Math.max(0, value));
    return mix(MID, HIGH, t);
  }
  const t = Math.min(1, Math.abs(value) / scale.limit);
  return mix(MID, value < 0 ? NEG : POS, t);
}

function mix(a: number[], b: number[], t: number): [number, number, number] {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}

/** RGBA pixels of the map, one pixel per value: `width` = columns, `height` = rows. */
export function heatmapPixels(rows: ArrayLike<number>[], scale: Scale): { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> } {
  const height = rows.length;
  const width = height ? rows[0].length : 0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let r = 0; r < height; r++) {
    const row = rows[r];
    for (let c = 0; c < width; c++) {
      const [red, green, blue] = colourOf(row[c], scale);
      const p = (r * width + c) * 4;
      data[p] = red;
      data[p + 1] = green;
      data[p + 2] = blue;
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The cell under a point of a map drawn `cellW` x `cellH` per value, or null outside it. */
export function cellAt(x: number, y: number, cellW: number, cellH: number, rows: number, cols: number): { row: number; col: number } | null {
  const col = Math.floor(x / cellW);
  const row = Math.floor(y / cellH);
  return row >= 0 && row < rows && col >= 0 && col < cols ? { row, col } : null;
}

/** The share of gate values near 0 or 1 (within `margin`): saturated gates pass no gradient through their own sigmoid. */
export function saturatedShare(rows: ArrayLike<number>[], margin = 0.05): number {
  let n = 0;
  let saturated = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      n++;
      if (row[i] <= margin || row[i] >= 1 - margin) saturated++;
    }
  }
  return n ? saturated / n : 0;
}

/**
 * The steps an unrolled view draws: all of them when they fit, else the first
 * and last few with the middle folded into one gap (marked `null`).
 */
export function unrolledSteps(steps: number, room: number): (number | null)[] {
  if (steps <= room) return Array.from({ length: steps }, (_, t) => t);
  const head = Math.ceil((room - 1) / 2);
  const tail = room - 1 - head;
  return [...Array.from({ length: head }, (_, t) => t), null, ...Array.from({ length: tail }, (_, k) => steps - tail + k)];
}

/** Rows of a flat row-major [T, d] value. */
export function toRows(values: ArrayLike<number>, shape: number[]): number[][] {
  const [t, ...rest] = shape;
  const d = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: t }, (_, i) => Array.from({ length: d }, (_, j) => values[i * d + j]));
}
