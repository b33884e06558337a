import { describe, expect, it } from 'vitest';
import type { Stroke5 } from '../../core/generate/mdn-sample';
import { strokesToPolylines } from '../../core/generate/strokes';
import { fitPoints, frameAt, frameEllipses, inkPaths, replayPoints } from './replay-view';

/** A primer of two steps (a pen-up after the second), then three model steps and the end. */
const stroke5: Stroke5[] = [[0, 0, 1, 0, 0], [2, 0, 0, 1, 0], [0, 2, 1, 0, 0], [2, 0, 1, 0, 0], [0, 2, 0, 1, 0], [0, 0, 0, 0, 1]];

describe('the replay of a drawing', () => {
  it('has the points of the polylines, joined within a line, marked primer or model', () => {
    const points = replayPoints({ stroke5, primed: 2 });
    expect(points.map((p) => [p.x, p.y])).toEqual(strokesToPolylines(stroke5).flat());
    expect(points.map((p) => p.joined)).toEqual([false, true, false, true, true]);
    expect(points.map((p) => p.primer)).toEqual([true, true, false, false, false]);
  });

  it('draws the primer and the model in separate paths, up to the step scrubbed to', () => {
    const points = replayPoints({ stroke5, primed: 2 });
    const fit = fitPoints(points, 100, 0);
    const two = inkPaths(points, 2, fit);
    expect(two.model).toBe('');
    expect(two.primer).toBe('M0.0 0.0h0.01M0.0 0.0L50.0 0.0');
    const all = inkPaths(points, 5, fit);
    // The pen lifted after the primer: the model's first point is a new line, not ink from the primer.
    expect(all.model.startsWith('M50.0 50.0h0.01M50.0 50.0L100.0 50.0')).toBe(true);
  });

  it('fits the drawing into the square with its aspect kept, centred', () => {
    const fit = fitPoints([{ x: -1, y: 0 }, { x: 3, y: 2 }], 120, 10);
    expect(fit.scale).toBe(25);
    expect([fit.x(-1), fit.y(0)]).toEqual([10, 35]);
    expect([fit.x(3), fit.y(2)]).toEqual([110, 85]);
  });

  it('shows at each model step the frame it was drawn from, none for the primer or past the end', () => {
    const frame = (w: number) => ({ at: [0, 0] as [number, number], weights: [w, 1 - w], cx: [0, 1], cy: [0, 1], sx: [1, 2], sy: [1, 1], rho: [0, 0.5], pen: [1, 0, 0] as [number, number, number] });
    const drawing = { primed: 2, mixtures: [frame(0.1), frame(0.2), frame(0.3), frame(0.4)] };
    expect(frameAt(drawing, 1)).toBeNull();
    expect(frameAt(drawing, 2)?.weights[0]).toBe(0.1);
    expect(frameAt(drawing, 5)?.weights[0]).toBe(0.4);
    expect(frameAt(drawing, 6)).toBeNull();
    expect(frameAt({ primed: 0 }, 0)).toBeNull();
  });

  it('turns a frame into ellipses in pixels, heaviest on top, leaving out the weightless', () => {
    const fit = fitPoints([{ x: 0, y: 0 }, { x: 4, y: 4 }], 40, 0);
    const frame = { at: [0, 0] as [number, number], weights: [0.7, 0.299, 0.001], cx: [1, 2, 3], cy: [1, 2, 3], sx: [1, 1, 1], sy: [0.5, 1, 1], rho: [0, 0.6, 0], pen: [0.5, 0.4, 0.1] as [number, number, number] };
    const ellipses = frameEllipses(frame, fit);
    expect(ellipses.map((e) => e.weight)).toEqual([0.299, 0.7]);
    expect(ellipses[1]).toEqual({ cx: 10, cy: 10, rx: 10, ry: 5, degrees: 0, weight: 0.7 });
    expect(ellipses[0].degrees).toBeCloseTo(45, 9);
  });
});
