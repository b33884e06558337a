import { describe, expect, it } from 'vitest';
import { bounds, splitLine } from './primer';

describe('the primer box', () => {
  it('no lines give no bounds; the box holds every point', () => {
    expect(bounds([])).toBeNull();
    expect(bounds([[[1, 2], [3, 7]]])).toEqual({ minX: 1, minY: 2, width: 2, height: 5 });
  });
});

describe('a line split where the primer ends', () => {
  const line: [number, number][] = [[0, 0], [1, 0], [2, 0], [3, 0]];
  it('gives the primer its points and the model the rest, joined at the primer\'s last point', () => {
    expect(splitLine(line, 0, 2)).toEqual({ primer: [[0, 0], [1, 0]], model: [[1, 0], [2, 0], [3, 0]] });
  });
  it('leaves a line wholly on one side whole', () => {
    expect(splitLine(line, 4, 2)).toEqual({ primer: [], model: line });
    expect(splitLine(line, 0, 9)).toEqual({ primer: line, model: [] });
  });
});
