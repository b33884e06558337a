import { describe, expect, it } from 'vitest';
import { batchesOf, epochOrder, splitDataset } from './split';
import { createRng } from '../random';

const shuffled = { size: 1000, split: { mode: 'shuffle' as const } };

describe('splitDataset', () => {
  it('gives the same split for the same seed and a different one for another seed', () => {
    const a = splitDataset(shuffled, 0.1, 7);
    const b = splitDataset(shuffled, 0.1, 7);
    const c = splitDataset(shuffled, 0.1, 8);
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
    expect(Array.from(a.validation)).not.toEqual(Array.from(c.validation));
  });

  it('puts every sample in exactly one part', () => {
    const { train, validation } = splitDataset(shuffled, 0.25, 3);
    expect(validation.length).toBe(250);
    expect(train.length).toBe(750);
    const all = new Set([...train, ...validation]);
    expect(all.size).toBe(1000);
  });

  it('keeps time-series validation at the end, past a gap of overlapping windows', () => {
    const { train, validation } = splitDataset({ size: 100, split: { mode: 'tail', gap: 9 } }, 0.2, 1);
    expect(Array.from(validation)).toEqual(Array.from({ length: 20 }, (_, i) => 80 + i));
    expect(train.length).toBe(71);
    expect(train[train.length - 1]).toBe(70);
  });

  it('gives no validation samples when the split is 0', () => {
    expect(splitDataset(shuffled, 0, 1).validation.length).toBe(0);
  });
});

describe('epochOrder', () => {
  it('is the same for the same seed and epoch, different across epochs, and a permutation', () => {
    const idx = Int32Array.from({ length: 50 }, (_, i) => i * 2);
    const e1 = Array.from(epochOrder(idx, 5, 1));
    expect(Array.from(epochOrder(idx, 5, 1))).toEqual(e1);
    expect(Array.from(epochOrder(idx, 5, 2))).not.toEqual(e1);
    expect([...e1].sort((a, b) => a - b)).toEqual(Array.from(idx));
  });
});

describe('batchesOf', () => {
  it('cuts 10 indices into batches of 4, 4 and 2', () => {
    expect(batchesOf(Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 4).map((b) => b.length)).toEqual([4, 4, 2]);
  });
});

describe('createRng', () => {
  it('repeats its sequence for one seed and gives normals of mean 0 and std 1', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
    const r = createRng(1);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / 20000)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(s2 / 20000) - 1)).toBeLessThan(0.05);
  });
});
