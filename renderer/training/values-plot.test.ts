import { describe, expect, it } from 'vitest';
import { toSeries } from './ValuesPlot';

describe('values plot', () => {
  it('several generated samples are one line each, of their first value per step', () => {
    expect(toSeries([[[1, 9], [2, 9]], [[3, 9], [4, 9]]])).toEqual([[1, 2], [3, 4]]);
  });

  it('a single sample of several values per step is one line per value', () => {
    expect(toSeries([[[1, 5], [2, 6]]])).toEqual([[1, 2], [5, 6]]);
  });

  it('steps of values, or plain steps, are drawn as they are', () => {
    expect(toSeries([[1, 5], [2, 6]])).toEqual([[1, 2], [5, 6]]);
    expect(toSeries([1, 2, 3])).toEqual([[1, 2, 3]]);
  });
});
