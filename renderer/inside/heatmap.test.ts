import { describe, expect, it } from 'vitest';
import { cellAt, colourOf, heatmapPixels, saturatedShare, scaleFor, toRows, unrolledSteps } from './heatmap';

describe('heatmap', () => {
  it('picks a unit scale for gate-like values and a diverging one around 0 for states', () => {
    expect(scaleFor([[0, 0.5], [1, 0.2]])).toEqual({ kind: 'unit' });
    expect(scaleFor([[-0.5, 0.25], [0.1, 0]])).toEqual({ kind: 'diverging', limit: 0.5 });
  });

  it('colours 0 as the panel, the sign by hue, and the magnitude by how far from the panel', () => {
    const scale = { kind: 'diverging', limit: 1 } as const;
    const zero = colourOf(0, scale);
    const neg = colourOf(-1, scale);
    const pos = colourOf(1, scale);
    const half = colourOf(0.5, scale);
    expect(neg[2]).toBeGreaterThan(neg[0]);
    expect(pos[0]).toBeGreaterThan(pos[2]);
    const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    expect(dist(half, zero)).toBeLessThan(dist(pos, zero));
    expect(colourOf(Number.NaN, scale)).toEqual([248, 113, 113]);
  });

  it('gives one opaque pixel per value, row-major', () => {
    const px = heatmapPixels([[0, 1, 0.5], [1, 0, 0]], { kind: 'unit' });
    expect([px.width, px.height, px.data.length]).toEqual([3, 2, 24]);
    expect(px.data[3]).toBe(255);
    // The second value of the first row is the brightest.
    expect(px.data[4 + 1]).toBeGreaterThan(px.data[1]);
  });

  it('finds the cell under the pointer and nothing outside the map', () => {
    expect(cellAt(13, 5, 4, 3, 10, 10)).toEqual({ row: 1, col: 3 });
    expect(cellAt(41, 5, 4, 3, 10, 10)).toBeNull();
    expect(cellAt(-1, 5, 4, 3, 10, 10)).toBeNull();
  });

  it('counts gates near 0 or 1 as saturated', () => {
    expect(saturatedShare([[0.01, 0.5], [0.99, 0.6]])).toBe(0.5);
    expect(saturatedShare([])).toBe(0);
  });

  it('folds the middle steps of a long sequence into one gap, keeping the first and the last', () => {
    expect(unrolledSteps(4, 8)).toEqual([0, 1, 2, 3]);
    expect(unrolledSteps(100, 7)).toEqual([0, 1, 2, null, 97, 98, 99]);
  });

  it('cuts a flat [T, d] value into rows', () => {
    expect(toRows([1, 2, 3, 4, 5, 6], [3, 2])).toEqual([[1, 2], [3, 4], [5, 6]]);
  });
});
