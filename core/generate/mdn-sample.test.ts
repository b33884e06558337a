import { Rng } from '../random';
import { describe, expect, it } from 'vitest';

import { sampleMixtureStep, type MixtureStep } from './mdn-sample';

const twoMixtures: MixtureStep = {
  piLogits: [0, Math.log(3)],
  mu1: [-5, 5],
  mu2: [0, 1],
  sigma1: [1, 2],
  sigma2: [1, 0.5],
  rho: [0, 0.8],
  penLogits: [Math.log(8), Math.log(1), Math.log(1)],
};

function moments(temperature: number, n = 20000) {
  const rng = new Rng(11);
  const xs: number[] = [];
  const ys: number[] = [];
  const pens = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const s = sampleMixtureStep({ ...twoMixtures, piLogits: [-100, 0] }, temperature, rng);
    xs.push(s[0]);
    ys.push(s[1]);
    pens[s.slice(2).indexOf(1)]++;
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  const vx = mean(xs.map((x) => (x - mx) ** 2));
  const vy = mean(ys.map((y) => (y - my) ** 2));
  const cxy = mean(xs.map((x, i) => (x - mx) * (ys[i] - my)));
  return { mx, my, vx, vy, corr: cxy / Math.sqrt(vx * vy), pens: pens.map((c) => c / n) };
}

describe('mixture-density sampling', () => {
  it('at temperature 1 draws from the chosen Gaussian with its means, variances and correlation', () => {
    const m = moments(1);
    expect(m.mx).toBeCloseTo(5, 1);
    expect(m.my).toBeCloseTo(1, 1);
    expect(m.vx).toBeCloseTo(4, 0);
    expect(m.vy).toBeCloseTo(0.25, 1);
    expect(m.corr).toBeCloseTo(0.8, 1);
    expect(m.pens[0]).toBeCloseTo(0.8, 1);
  });

  it('scales the variance by the temperature and sharpens the pen state below 1', () => {
    const m = moments(0.25);
    expect(m.vx).toBeCloseTo(1, 0);
    expect(m.vy).toBeCloseTo(0.0625, 1);
    // p ∝ [8, 1, 1]^(1/0.25): pen down almost always.
    expect(m.pens[0]).toBeGreaterThan(0.99);
  });

  it('is greedy at temperature 0: the likeliest mixture mean and pen state', () => {
    expect(sampleMixtureStep(twoMixtures, 0, new Rng(1))).toEqual([5, 1, 1, 0, 0]);
  });

  it('picks mixtures in proportion to their weights', () => {
    const rng = new Rng(5);
    let right = 0;
    for (let i = 0; i < 10000; i++) if (sampleMixtureStep(twoMixtures, 1, rng)[0] > 0) right++;
    expect(right / 10000).toBeCloseTo(0.75, 1);
  });
});
