import { describe, expect, it } from 'vitest';
import { recall } from './recall';

describe('recall', () => {
  it('gives sequence [window, 1] and, as first, the value of its first step', async () => {
    const ds = await recall.create({ window: 12, count: 30, noise: 0.2, seed: 1 });
    expect(ds.fields.sequence.shape).toEqual([12, 1]);
    expect(ds.fields.first.shape).toEqual([1]);
    const b = ds.batch([3, 7]);
    expect(b.first.data[0]).toBe(b.sequence.data[0]);
    expect(b.first.data[1]).toBe(b.sequence.data[12]);
  });

  it('hides nothing but noise after the first step, and is the same for the same seed', async () => {
    const a = await recall.create({ window: 8, count: 5, noise: 0, seed: 4 });
    const b = await recall.create({ window: 8, count: 5, noise: 0, seed: 4 });
    const seq = a.batch([2]).sequence.data;
    expect(Array.from(seq.subarray(1), Math.abs)).toEqual(new Array(7).fill(0));
    expect(Array.from(seq)).toEqual(Array.from(b.batch([2]).sequence.data));
  });
});
