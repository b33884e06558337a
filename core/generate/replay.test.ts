import { describe, expect, it } from 'vitest';
import type { MixtureTrace } from './head-sample';
import { mixtureFrames, sigmaEllipse } from './replay';
import { strokesToPolylines } from './strokes';

/** Mahalanobis distance squared of (px, py) from the origin under the Gaussian (sx, sy, rho). */
function mahalanobis2(px: number, py: number, sx: number, sy: number, rho: number): number {
  const a = sx * sx;
  const c = sy * sy;
  const b = rho * sx * sy;
  return (c * px * px - 2 * b * px * py + a * py * py) / (a * c - b * b);
}

/** A point on the ellipse at parameter `t`. */
function onEllipse(e: { rx: number; ry: number; angle: number }, t: number): [number, number] {
  const u = e.rx * Math.cos(t);
  const v = e.ry * Math.sin(t);
  return [u * Math.cos(e.angle) - v * Math.sin(e.angle), u * Math.sin(e.angle) + v * Math.cos(e.angle)];
}

describe('the 1-sigma ellipse of a mixture component', () => {
  it('without correlation has the standard deviations as axes, the longer first, along x or y', () => {
    expect(sigmaEllipse(3, 1, 0)).toEqual({ rx: 3, ry: 1, angle: 0 });
    const tall = sigmaEllipse(1, 2, 0);
    expect(tall.rx).toBeCloseTo(2, 12);
    expect(tall.ry).toBeCloseTo(1, 12);
    expect(tall.angle).toBeCloseTo(Math.PI / 2, 12);
  });

  it('with equal sigmas leans at 45 degrees along a positive correlation and -45 along a negative one', () => {
    const up = sigmaEllipse(2, 2, 0.6);
    expect(up.angle).toBeCloseTo(Math.PI / 4, 12);
    expect(up.rx).toBeCloseTo(2 * Math.sqrt(1.6), 12);
    expect(up.ry).toBeCloseTo(2 * Math.sqrt(0.4), 12);
    expect(sigmaEllipse(2, 2, -0.6).angle).toBeCloseTo(-Math.PI / 4, 12);
  });

  it('passes through the points at Mahalanobis distance 1, and its area is pi sx sy sqrt(1 - rho^2)', () => {
    for (const [sx, sy, rho] of [[0.3, 1.7, 0.2], [2.5, 0.4, -0.85], [1, 1, 0.99], [0.05, 0.02, -0.3]]) {
      const e = sigmaEllipse(sx, sy, rho);
      expect(e.rx).toBeGreaterThanOrEqual(e.ry);
      for (let t = 0; t < 2 * Math.PI; t += 0.4) {
        const [px, py] = onEllipse(e, t);
        expect(mahalanobis2(px, py, sx, sy, rho)).toBeCloseTo(1, 6);
      }
      expect(e.rx * e.ry).toBeCloseTo(sx * sy * Math.sqrt(1 - rho * rho), 9);
    }
  });

  it('collapses to a line, not NaN, at a perfect correlation', () => {
    const e = sigmaEllipse(1, 1, 1);
    expect(e.ry).toBe(0);
    expect(e.rx).toBeCloseTo(Math.SQRT2, 12);
    expect(e.angle).toBeCloseTo(Math.PI / 4, 12);
  });
});

const trace = (mu1: number[], mu2: number[], earlyEnd?: number): MixtureTrace => ({
  weights: mu1.map(() => 1 / mu1.length),
  mu1,
  mu2,
  sigma1: mu1.map(() => 0.5),
  sigma2: mu1.map(() => 0.25),
  rho: mu1.map(() => 0),
  pen: [0.7, 0.2, 0.1],
  greedy: false,
  ...(earlyEnd !== undefined ? { earlyEnd } : {}),
});

describe('mixture frames placed on the drawing', () => {
  it('centre each Gaussian on the pen position before its step plus its mean, after the primer', () => {
    // Two primer steps, then three generated ones, the last the end.
    const stroke5 = [[1, 0, 1, 0, 0], [0, 2, 0, 1, 0], [3, 0, 1, 0, 0], [0, -1, 1, 0, 0], [9, 9, 0, 0, 1]];
    const frames = mixtureFrames(stroke5, 2, [trace([3, -1], [0, 5]), trace([0], [-1]), trace([0], [0], 0.4)]);
    expect(frames.map((f) => f.at)).toEqual([[1, 2], [4, 2], [4, 1]]);
    expect(frames[0].cx).toEqual([4, 0]);
    expect(frames[0].cy).toEqual([2, 7]);
    expect(frames[1].cx).toEqual([4]);
    expect(frames[1].cy).toEqual([1]);
    expect(frames[2].earlyEnd).toBe(0.4);
    expect(frames[0].earlyEnd).toBeUndefined();
  });

  it('put the pen where the polylines put it: each frame starts at the last point drawn', () => {
    const stroke5 = [[0, 0, 1, 0, 0], [2, 1, 1, 0, 0], [1, 1, 0, 1, 0], [-3, 0, 1, 0, 0], [0, 0, 0, 0, 1]];
    const frames = mixtureFrames(stroke5, 1, stroke5.slice(1).map(() => trace([0], [0])));
    const points = strokesToPolylines(stroke5).flat();
    // Frame k is the step after point k (the primer's one point is point 0).
    expect(frames.map((f) => f.at)).toEqual(points);
  });
});
