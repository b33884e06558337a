import { describe, expect, it } from 'vitest';
import { pairsTsvFormat } from './pairs-tsv';
import { decode } from '../vocab';
import { dataErrorMessage } from '../data-test-kit';

const file = 'hi\tsalut\trow attribution\ngo\tva\n\nrun!\tcours !\n';

describe('pairs-tsv', () => {
  it('gives source, targetIn starting with <start> and target ending with <end>, padded with 0', async () => {
    const ds = await pairsTsvFormat.parse(file, {}, 'fr.tsv');
    expect(ds.size).toBe(3);
    expect(ds.fields.source.shape).toEqual([4]);
    expect(ds.fields.target.shape).toEqual([8]);
    const b = ds.batch([1]);
    const tv = ds.fields.target.vocab!;
    expect(tv.tokens.slice(0, 3)).toEqual(['<pad>', '<start>', '<end>']);
    expect(decode(ds.fields.source.vocab!, b.source.data)).toBe('go');
    expect(Array.from(b.source.data.subarray(2))).toEqual([0, 0]);
    expect(b.targetIn.data[0]).toBe(1);
    expect(decode(tv, b.targetIn.data)).toBe('va');
    expect(Array.from(b.target.data).slice(2)).toEqual([2, 0, 0, 0, 0, 0]);
    expect(decode(tv, b.target.data)).toBe('va');
  });

  it('keeps the longest target whole, its <end> in the last step', async () => {
    const ds = await pairsTsvFormat.parse(file, {}, 'fr.tsv');
    const b = ds.batch([2]);
    expect(decode(ds.fields.target.vocab!, b.target.data)).toBe('cours !');
    expect(b.target.data[7]).toBe(2);
  });

  it('names the line without a tab and the line with an empty side', async () => {
    expect(await dataErrorMessage(pairsTsvFormat.parse('a\tb\nno tab here\n', {}, 'p.tsv'))).toBe('p.tsv, line 2: the line has no tab; each line is source<TAB>target');
    expect(await dataErrorMessage(pairsTsvFormat.parse('a\tb\n\tb\n', {}, 'p.tsv'))).toBe('p.tsv, line 2: the source (before the tab) is empty');
    expect(await dataErrorMessage(pairsTsvFormat.parse('a\t\n', {}, 'p.tsv'))).toBe('p.tsv, line 1: the target (after the tab) is empty');
  });

  it('says so when the file holds no pairs', async () => {
    expect(await dataErrorMessage(pairsTsvFormat.parse('\n\n', {}, 'p.tsv'))).toBe('p.tsv: the file holds no pairs');
  });
});
