import { describe, expect, it } from 'vitest';
import { bounds, linesToStroke5 } from './primer';

describe('primer', () => {
  it('a drawn line becomes pen-down steps ending with a pen lift', () => {
    const steps = linesToStroke5([[[0, 0], [10, 0], [20, 0]]]);
    expect(steps).toHaveLength(2);
    expect(steps.map((s) => s.slice(2))).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  it('the jump between two lines is a step of its own, and offsets are scaled to unit spread', () => {
    const steps = linesToStroke5([[[0, 0], [4, 0]], [[4, 4], [8, 4]]]);
    expect(steps).toHaveLength(3);
    const values = steps.flatMap((s) => [s[0], s[1]]);
    const mean = values.reduce((a, b) => a + b) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(std).toBeCloseTo(1);
  });

  it('no lines give no steps and no bounds', () => {
    expect(linesToStroke5([])).toEqual([]);
    expect(bounds([])).toBeNull();
    expect(bounds([[[1, 2], [3, 7]]])).toEqual({ minX: 1, minY: 2, width: 2, height: 5 });
  });
});
