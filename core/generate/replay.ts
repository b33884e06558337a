import type { MixtureTrace } from './head-sample';
import { isEndStroke } from './strokes';

/**
 * The 1-sigma ellipse of a bivariate Gaussian with standard deviations `sx`,
 * `sy` and correlation `rho`: its semi-axes and the angle of the first axis
 * (`rx`, the longer one) from +x towards +y, in radians, in (-pi/2, pi/2].
 * These are the square roots of the covariance matrix's eigenvalues and the
 * direction of its first eigenvector; closed form for 2 x 2.
 */
export function sigmaEllipse(sx: number, sy: number, rho: number): { rx: number; ry: number; angle: number } {
  const a = sx * sx;
  const c = sy * sy;
  const b = rho * sx * sy;
  const mean = (a + c) / 2;
  const spread = Math.hypot((a - c) / 2, b);
  // A perfect correlation has no width: rounding must not make it NaN.
  return { rx: Math.sqrt(mean + spread), ry: Math.sqrt(Math.max(0, mean - spread)), angle: 0.5 * Math.atan2(2 * b, a - c) };
}

/**
 * One generated step of a drawing, as a replay shows it: where the pen was,
 * and the mixture it drew the next move from, placed on the drawing (centres
 * are the pen position plus each Gaussian's mean offset).
 */
export interface MixtureFrame {
  /** The pen position before this step, in drawing coordinates (those of the polylines). */
  at: [number, number];
  /** Per mixture: weight (sums to 1), centre, standard deviations and correlation, after the temperature. */
  weights: number[];
  cx: number[];
  cy: number[];
  sx: number[];
  sy: number[];
  rho: number[];
  /** Probabilities of pen down, pen up, end this step was drawn with. */
  pen: [number, number, number];
  /** The end's probability when an end drawn before the minimum steps was struck out and the pen drawn again. */
  earlyEnd?: number;
}

/**
 * Places a drawing's traced distributions on the drawing: `stroke5` is the
 * whole drawing (the primer's `primed` steps first) and `traces` the
 * distributions of the steps after the primer, in order. The pen position
 * follows the polylines of `strokesToPolylines`: every step before the end
 * moves the pen by its (dx, dy).
 */
export function mixtureFrames(stroke5: ArrayLike<number>[], primed: number, traces: MixtureTrace[]): MixtureFrame[] {
  let x = 0;
  let y = 0;
  for (const s of stroke5.slice(0, primed)) {
    if (isEndStroke(s)) break;
    x += s[0];
    y += s[1];
  }
  return traces.map((t, k) => {
    const frame: MixtureFrame = {
      at: [x, y],
      weights: t.weights,
      cx: t.mu1.map((m) => x + m),
      cy: t.mu2.map((m) => y + m),
      sx: t.sigma1,
      sy: t.sigma2,
      rho: t.rho,
      pen: t.pen,
      ...(t.earlyEnd !== undefined ? { earlyEnd: t.earlyEnd } : {}),
    };
    const step = stroke5[primed + k];
    if (step && !isEndStroke(step)) {
      x += step[0];
      y += step[1];
    }
    return frame;
  });
}
