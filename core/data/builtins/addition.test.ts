import { describe, expect, it } from 'vitest';
import { addition } from './addition';
import { decode } from '../vocab';
import { DataError } from '../types';

const make = (o: Partial<{ digits: number; count: number; reverse: boolean; seed: number }> = {}) =>
  addition.create({ digits: 2, count: 200, reverse: false, seed: 1, ...o });

describe('addition', () => {
  it('gives source [2*digits+1], targetIn and target [digits+2] whose answer is the sum', async () => {
    const ds = await make();
    expect(ds.fields.source.shape).toEqual([5]);
    expect(ds.fields.targetIn.shape).toEqual([4]);
    expect(ds.fields.target.shape).toEqual([4]);
    const b = ds.batch(Array.from({ length: 200 }, (_, i) => i));
    for (let i = 0; i < 200; i++) {
      const q = decode(ds.fields.source.vocab!, b.source.data.subarray(i * 5, i * 5 + 5));
      const [a, c] = q.split('+').map(Number);
      expect(decode(ds.fields.target.vocab!, b.target.data.subarray(i * 4, i * 4 + 4))).toBe(String(a + c));
      expect(b.targetIn.data[i * 4]).toBe(1);
    }
  });

  it('asks each question once, counting a+b and b+a as one', async () => {
    const ds = await make({ digits: 1, count: 55 });
    const b = ds.batch(Array.from({ length: 55 }, (_, i) => i));
    const keys = new Set<string>();
    for (let i = 0; i < 55; i++) {
      const [a, c] = decode(ds.fields.source.vocab!, b.source.data.subarray(i * 3, i * 3 + 3)).split('+').map(Number);
      keys.add(`${Math.min(a, c)},${Math.max(a, c)}`);
    }
    expect(keys.size).toBe(55);
  });

  it('with reverse feeds the padded question backwards, pads first', async () => {
    const plain = await make({ count: 5 });
    const rev = await make({ count: 5, reverse: true });
    const p = Array.from(plain.batch([0]).source.data);
    expect(Array.from(rev.batch([0]).source.data)).toEqual([...p].reverse());
  });

  it('is the same for the same seed', async () => {
    expect(Array.from((await make()).batch([0, 1, 2]).source.data)).toEqual(Array.from((await make()).batch([0, 1, 2]).source.data));
  });

  it('fits the seq2seq template: both vocabularies hold at most 15 ids', async () => {
    const ds = await make();
    expect(ds.fields.source.vocab!.tokens.length).toBe(14);
    expect(ds.fields.target.vocab!.tokens.length).toBe(13);
  });

  it('says how many questions exist when count asks for more', async () => {
    await expect(make({ digits: 1, count: 56 })).rejects.toThrow(new DataError('addition', null, 'there are only 55 distinct questions with 1 digit; ask for at most that many (count 56)'));
  });
});

describe('addition, reversed', () => {
  it('says on the source field that its questions are held backwards, and only when they are', async () => {
    expect((await make({ reverse: true })).fields.source.reversed).toBe(true);
    expect((await make()).fields.source.reversed).toBeUndefined();
  });

  it('takes "12+345" with digits 3, as the seq2seq template\'s text promises', async () => {
    const ds = await make({ digits: 3, count: 100 });
    expect(ds.fields.source.shape).toEqual([7]);
    expect(ds.fields.target.shape).toEqual([5]);
  });
});
