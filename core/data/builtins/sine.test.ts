import { describe, expect, it } from 'vitest';
import { sine } from './sine';

describe('sine', () => {
  it('gives history [window, signals], next [signals] and nextSteps shifted by one step', async () => {
    const ds = await sine.create({ signals: 3, window: 10, count: 20, noise: 0.02, seed: 1 });
    expect(ds.size).toBe(20);
    expect(ds.fields.history.shape).toEqual([10, 3]);
    expect(ds.fields.next.shape).toEqual([3]);
    expect(ds.fields.nextSteps.shape).toEqual([10, 3]);
    const b = ds.batch([4]);
    expect(Array.from(b.nextSteps.data.subarray(0, 27))).toEqual(Array.from(b.history.data.subarray(3, 30)));
    expect(Array.from(b.next.data)).toEqual(Array.from(b.nextSteps.data.subarray(27, 30)));
  });

  it('is the same for the same seed and differs for another', async () => {
    const a = await sine.create({ signals: 1, window: 5, count: 3, noise: 0, seed: 1 });
    const b = await sine.create({ signals: 1, window: 5, count: 3, noise: 0, seed: 1 });
    const c = await sine.create({ signals: 1, window: 5, count: 3, noise: 0, seed: 2 });
    expect(Array.from(a.batch([0, 1, 2]).history.data)).toEqual(Array.from(b.batch([0, 1, 2]).history.data));
    expect(Array.from(a.batch([0]).history.data)).not.toEqual(Array.from(c.batch([0]).history.data));
  });

  it('without noise gives values within the amplitude of 1', async () => {
    const ds = await sine.create({ signals: 2, window: 30, count: 50, noise: 0, seed: 3 });
    const h = ds.batch(Array.from({ length: 50 }, (_, i) => i)).history.data;
    expect(Math.max(...h.map(Math.abs))).toBeLessThanOrEqual(1);
  });
});
