import { Rng } from '../random';
import { describe, expect, it } from 'vitest';
import { drawIndex, softmaxWithTemperature } from './random';

describe('seeded random', () => {
  it('gives the same numbers for the same seed and different ones for another', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xs = [a.next(), a.next(), a.normal()];
    expect([b.next(), b.next(), b.normal()]).toEqual(xs);
    expect(c.next()).not.toEqual(xs[0]);
  });

  it('draws normals with mean near 0 and variance near 1', () => {
    const rng = new Rng(1);
    const n = 20000;
    const xs = Array.from({ length: n }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('draws indices in proportion to their weights', () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[drawIndex([1, 2, 7], rng)]++;
    expect(counts[0] / 30000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 30000).toBeCloseTo(0.7, 1);
  });

  it('softmax at temperature 0 is one-hot on the largest logit', () => {
    expect(softmaxWithTemperature([1, 5, 2], 0)).toEqual([0, 1, 0]);
  });

  it('a low temperature sharpens and a high one flattens', () => {
    const cold = softmaxWithTemperature([1, 2], 0.5);
    const warm = softmaxWithTemperature([1, 2], 2);
    const plain = softmaxWithTemperature([1, 2], 1);
    expect(cold[1]).toBeGreaterThan(plain[1]);
    expect(warm[1]).toBeLessThan(plain[1]);
    expect(plain[0] + plain[1]).toBeCloseTo(1, 10);
  });

  it('stays finite for huge logits', () => {
    const p = softmaxWithTemperature([1000, 999], 1);
    expect(p.every(Number.isFinite)).toBe(true);
  });
});
