import type { GeneratedDrawing } from '../../core/generate/present';
import { sigmaEllipse, type MixtureFrame } from '../../core/generate/replay';
import { isEndStroke } from '../../core/generate/strokes';

/** One pen position of a drawing: where step `i` put the pen, whether ink joins it to the one before, and whose step it was. */
export interface ReplayPoint {
  x: number;
  y: number;
  /** Ink from the previous point (false at the first point and after the pen lifted). */
  joined: boolean;
  /** The step came from the primer, not the model. */
  primer: boolean;
}

/**
 * The drawing's points in order, the way `strokesToPolylines` draws them:
 * each step before the end moves the pen by its (dx, dy); a pen-up step ends
 * its line, so the next point starts a new one.
 */
export function replayPoints(drawing: Pick<GeneratedDrawing, 'stroke5' | 'primed'>): ReplayPoint[] {
  const points: ReplayPoint[] = [];
  let x = 0;
  let y = 0;
  let lifted = true;
  for (const [i, s] of drawing.stroke5.entries()) {
    if (isEndStroke(s)) break;
    x += s[0];
    y += s[1];
    points.push({ x, y, joined: !lifted, primer: i < drawing.primed });
    lifted = s[3] >= 0.5;
  }
  return points;
}

/** Maps drawing coordinates into a `size` square with `pad` pixels around, aspect kept, centred. */
export interface Fit {
  scale: number;
  x(v: number): number;
  y(v: number): number;
}

export function fitPoints(points: { x: number; y: number }[], size: number, pad: number): Fit {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const minX = xs.length ? Math.min(...xs) : 0;
  const minY = ys.length ? Math.min(...ys) : 0;
  const w = xs.length ? Math.max(...xs) - minX : 0;
  const h = ys.length ? Math.max(...ys) - minY : 0;
  const scale = (size - 2 * pad) / Math.max(w, h, 1e-6);
  const ox = pad + (size - 2 * pad - w * scale) / 2;
  const oy = pad + (size - 2 * pad - h * scale) / 2;
  return { scale, x: (v) => ox + (v - minX) * scale, y: (v) => oy + (v - minY) * scale };
}

/** SVG path data of the ink among the first `upTo` points, one path for the primer and one for the model. */
export function inkPaths(points: ReplayPoint[], upTo: number, fit: Fit): { primer: string; model: string } {
  const parts = { primer: [] as string[], model: [] as string[] };
  const at = (p: ReplayPoint) => `${fit.x(p.x).toFixed(1)} ${fit.y(p.y).toFixed(1)}`;
  points.slice(0, upTo).forEach((p, i) => {
    const into = p.primer ? parts.primer : parts.model;
    // A point that starts a line is a dot until the next one joins it (a touch of the pen is ink too).
    if (!p.joined || i === 0) into.push(`M${at(p)}h0.01`);
    else into.push(`M${at(points[i - 1])}L${at(p)}`);
  });
  return { primer: parts.primer.join(''), model: parts.model.join('') };
}

/** One Gaussian of a frame as the SVG draws it: pixels, degrees, opacity = weight. */
export interface EllipseView {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  degrees: number;
  weight: number;
}

/** The frame's Gaussians as 1-sigma ellipses in pixels, heaviest last (drawn on top); those under `minWeight` are left out. */
export function frameEllipses(frame: MixtureFrame, fit: Fit, minWeight = 0.005): EllipseView[] {
  return frame.weights
    .map((weight, m) => {
      const e = sigmaEllipse(frame.sx[m], frame.sy[m], frame.rho[m]);
      return { cx: fit.x(frame.cx[m]), cy: fit.y(frame.cy[m]), rx: e.rx * fit.scale, ry: e.ry * fit.scale, degrees: (e.angle * 180) / Math.PI, weight };
    })
    .filter((e) => e.weight >= minWeight)
    .sort((a, b) => a.weight - b.weight);
}

/**
 * The frame shown at scrubber position `step` (steps drawn so far): the
 * mixture that step `step` is drawn from, when the model drew it and it was
 * traced; null for a primer step or past the end.
 */
export function frameAt(drawing: Pick<GeneratedDrawing, 'primed' | 'mixtures'>, step: number): MixtureFrame | null {
  const k = step - drawing.primed;
  return k >= 0 && drawing.mixtures && k < drawing.mixtures.length ? drawing.mixtures[k] : null;
}
