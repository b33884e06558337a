import type { Polyline } from '../data/stroke5';

export type { Polyline };

/** True when a stroke-5 step ends the drawing: the one test, for decoding and for the generation loop. */
export const isEndStroke = (s: ArrayLike<number>): boolean => s[4] >= 0.5;
/** True when the pen lifts after a stroke-5 step. */
const isPenUp = (s: ArrayLike<number>): boolean => s[3] >= 0.5;

/**
 * Turns stroke-5 steps (dx, dy, pen down, pen up, end) into absolute
 * polylines, as sketch-rnn's `strokes_to_lines` does: every step moves the
 * pen by (dx, dy) and adds a point; a pen-up step ends the current line; the
 * end step stops the drawing (its offset is not drawn).
 */
export function strokesToPolylines(steps: ArrayLike<number>[]): Polyline[] {
  const lines: Polyline[] = [];
  let line: Polyline = [];
  let x = 0;
  let y = 0;
  for (const s of steps) {
    if (isEndStroke(s)) break;
    x += s[0];
    y += s[1];
    line.push([x, y]);
    if (isPenUp(s)) {
      lines.push(line);
      line = [];
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

export interface SvgSheetOptions {
  /** Side of one drawing's square cell, in pixels. */
  cell?: number;
  /** Drawings per row; by default the sheet is about square. */
  columns?: number;
  /** Captions under the drawings (e.g. the sample index or its class). */
  captions?: string[];
  strokeWidth?: number;
}

/**
 * A sheet of drawings as one SVG document: each drawing is fitted (aspect
 * kept) into its own cell, so drawings of any scale sit side by side.
 */
export function renderSvgSheet(drawings: Polyline[][], options: SvgSheetOptions = {}): string {
  const cell = options.cell ?? 160;
  const columns = Math.max(1, options.columns ?? Math.ceil(Math.sqrt(drawings.length || 1)));
  const rows = Math.max(1, Math.ceil(drawings.length / columns));
  const caption = options.captions ? 16 : 0;
  const width = columns * cell;
  const height = rows * (cell + caption);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  drawings.forEach((lines, i) => {
    const ox = (i % columns) * cell;
    const oy = Math.floor(i / columns) * (cell + caption);
    parts.push(`<g transform="translate(${ox} ${oy})">`);
    parts.push(`<rect x="0.5" y="0.5" width="${cell - 1}" height="${cell - 1}" fill="none" stroke="#ddd"/>`);
    for (const d of fitPaths(lines, cell, cell * 0.1)) {
      parts.push(`<path d="${d}" fill="none" stroke="black" stroke-width="${options.strokeWidth ?? 2}" stroke-linecap="round" stroke-linejoin="round"/>`);
    }
    const text = options.captions?.[i];
    if (text !== undefined) parts.push(`<text x="${cell / 2}" y="${cell + 12}" font-family="sans-serif" font-size="11" text-anchor="middle">${escapeXml(text)}</text>`);
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** Path data of the lines scaled into a `size` square with `margin`, centred. */
function fitPaths(lines: Polyline[], size: number, margin: number): string[] {
  const points = lines.flat().filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (!points.length) return [];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const k = (size - 2 * margin) / span;
  const dx = (size - (maxX - minX) * k) / 2;
  const dy = (size - (maxY - minY) * k) / 2;
  const fmt = (v: number) => (Math.round(v * 100) / 100).toString();
  return lines
    .filter((line) => line.length)
    .map((line) => {
      const pts = line.map(([x, y]) => `${fmt((x - minX) * k + dx)} ${fmt((y - minY) * k + dy)}`);
      // A single point still shows, as a dot.
      return line.length === 1 ? `M${pts[0]}h0.01` : `M${pts.join('L')}`;
    });
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
