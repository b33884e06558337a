import { describe, expect, it } from 'vitest';
import { bounds } from './primer';

describe('the primer box', () => {
  it('no lines give no bounds; the box holds every point', () => {
    expect(bounds([])).toBeNull();
    expect(bounds([[[1, 2], [3, 7]]])).toEqual({ minX: 1, minY: 2, width: 2, height: 5 });
  });
});
