import { Rng } from '../random';
import { describe, expect, it } from 'vitest';

import { sampleBits, sampleToken } from './token-sample';

describe('token sampling', () => {
  it('is greedy at temperature 0', () => {
    expect(sampleToken([0.1, 0.6, 0.3], 0, new Rng(1))).toBe(1);
  });

  it('draws ids in proportion to their probabilities at temperature 1', () => {
    const rng = new Rng(2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[sampleToken([0.2, 0.5, 0.3], 1, rng)]++;
    expect(counts.map((c) => c / 20000)).toEqual([expect.closeTo(0.2, 1), expect.closeTo(0.5, 1), expect.closeTo(0.3, 1)]);
  });

  it('a low temperature favours the likeliest id more than temperature 1 does', () => {
    const rng = new Rng(3);
    let cold = 0;
    for (let i = 0; i < 5000; i++) if (sampleToken([0.2, 0.5, 0.3], 0.3, rng) === 1) cold++;
    expect(cold / 5000).toBeGreaterThan(0.75);
  });

  it('never draws an id of probability zero', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 1000; i++) expect(sampleToken([0, 1e-3, 0], 5, rng)).toBe(1);
  });
});

describe('bit sampling', () => {
  it('thresholds at one half when greedy and follows the probabilities otherwise', () => {
    expect(sampleBits([0.2, 0.7], 0, new Rng(1))).toEqual([0, 1]);
    const rng = new Rng(5);
    let ones = 0;
    for (let i = 0; i < 10000; i++) ones += sampleBits([0.3], 1, rng)[0];
    expect(ones / 10000).toBeCloseTo(0.3, 1);
  });
});
