import { describe, expect, it } from 'vitest';
import { freeSpot, NEW_NODE } from './placement';

const view = { x: 0, y: 0, width: 1000, height: 700 };
const overlaps = (p: { x: number; y: number }, r: { x: number; y: number; width: number; height: number }) =>
  p.x < r.x + r.width && r.x < p.x + NEW_NODE.width && p.y < r.y + r.height && r.y < p.y + NEW_NODE.height;

describe('placing a new node', () => {
  it('takes the wanted spot when it is free', () => {
    expect(freeSpot({ x: 300, y: 200 }, [], view)).toEqual({ x: 300, y: 200 });
  });

  it('moves off a node that is there, to the nearest free spot still in view', () => {
    const node = { x: 280, y: 180, width: 214, height: 120 };
    const spot = freeSpot({ x: 300, y: 200 }, [node], view)!;
    expect(overlaps(spot, node)).toBe(false);
    expect(spot.x).toBeGreaterThanOrEqual(0);
    expect(spot.y + NEW_NODE.height).toBeLessThanOrEqual(700);
    expect(Math.hypot(spot.x - 300, spot.y - 200)).toBeLessThan(300);
  });

  it('keeps clear of wire labels too', () => {
    const label = { x: 350, y: 250, width: 50, height: 18 };
    expect(overlaps(freeSpot({ x: 300, y: 200 }, [label], view)!, label)).toBe(false);
  });

  it('says so when the view is full', () => {
    expect(freeSpot({ x: 10, y: 10 }, [{ x: 0, y: 0, width: 1000, height: 700 }], view)).toBeNull();
  });

  it('stays inside the view when the wanted point is at its edge', () => {
    const spot = freeSpot({ x: 950, y: 650 }, [], view)!;
    expect(spot.x + NEW_NODE.width).toBeLessThanOrEqual(1000);
    expect(spot.y + NEW_NODE.height).toBeLessThanOrEqual(700);
  });
});
