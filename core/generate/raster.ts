import type { Polyline } from './strokes';

export interface RasterOptions {
  /** Blank pixels kept around the drawing on each side. */
  margin?: number;
  /** Pen width in pixels. */
  penWidth?: number;
}

/**
 * A drawing as a `size` × `size` greyscale image (row-major, 0 blank to 1
 * ink), the way MNIST frames a digit: the drawing is fitted into the square
 * inside `margin` with its aspect kept and centred, and every line is drawn
 * with an anti-aliased pen. A digit classifier reads drawings of any scale
 * through this. An empty drawing gives a blank image; a single point, a dot.
 */
export function rasterise(lines: Polyline[], size: number, options: RasterOptions = {}): Float32Array {
  const image = new Float32Array(size * size);
  const points = lines.flat().filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (!points.length) return image;
  const margin = options.margin ?? Math.round(size / 7);
  const half = (options.penWidth ?? size / 14) / 2;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const w = Math.max(...xs) - minX;
  const h = Math.max(...ys) - minY;
  const k = (size - 2 * margin) / (Math.max(w, h) || 1);
  const ox = (size - w * k) / 2;
  const oy = (size - h * k) / 2;
  const place = ([x, y]: [number, number]): [number, number] => [(x - minX) * k + ox, (y - minY) * k + oy];
  for (const line of lines) {
    const placed = line.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(place);
    if (placed.length === 1) placed.push(placed[0]);
    for (let i = 1; i < placed.length; i++) drawSegment(image, size, placed[i - 1], placed[i], half);
  }
  return image;
}

/** Ink of a segment: full within `half` of it, fading to none over the next pixel. */
function drawSegment(image: Float32Array, size: number, [ax, ay]: [number, number], [bx, by]: [number, number], half: number): void {
  const reach = half + 1;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      // Distance from the pixel's centre to the segment.
      const cx = px + 0.5;
      const cy = py + 0.5;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((cx - ax) * dx + (cy - ay) * dy) / len2)) : 0;
      const d = Math.hypot(cx - (ax + t * dx), cy - (ay + t * dy));
      const ink = Math.max(0, Math.min(1, half + 0.5 - d));
      const at = py * size + px;
      if (ink > image[at]) image[at] = ink;
    }
  }
}
