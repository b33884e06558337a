import { describe, expect, it } from 'vitest';
import { hersheyStrokes, parsePath } from './hershey-strokes';
import { DataError } from '../types';

const base = { glyphs: 'digits', count: 40, fonts: ['futural'], maxLength: 64, jitter: 0.01, scale: 0.15, slant: 0.25, seed: 1 };

describe('hershey-strokes', () => {
  it('gives strokesIn and strokesOut [maxLength, 5] and the glyph as label', async () => {
    const ds = await hersheyStrokes.create(base);
    expect(ds.size).toBe(40);
    expect(ds.fields.strokesIn.shape).toEqual([64, 5]);
    expect(ds.fields.strokesOut.shape).toEqual([64, 5]);
    expect(ds.fields.label.vocab!.tokens).toEqual('0123456789'.split(''));
    const b = ds.batch([0, 13]);
    expect(Array.from(b.label.data)).toEqual([0, 3]);
    expect(Array.from(b.strokesIn.data.subarray(0, 5))).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(b.strokesOut.data.subarray(63 * 5, 64 * 5))).toEqual([0, 0, 0, 0, 1]);
    expect(ds.fields.strokesOut.strokeScale).toBeGreaterThan(0);
  });

  it('gives the label again as labelIn [1], with the same ids and vocabulary, for a TokenInput to condition on', async () => {
    const ds = await hersheyStrokes.create(base);
    expect(ds.fields.labelIn).toMatchObject({ shape: [1], dtype: 'int32' });
    expect(ds.fields.labelIn.vocab!.tokens).toEqual('0123456789'.split(''));
    const b = ds.batch([3, 27, 9], ['labelIn']);
    expect(Object.keys(b)).toEqual(['labelIn']);
    expect(b.labelIn.shape).toEqual([3, 1]);
    expect(Array.from(b.labelIn.data)).toEqual([3, 7, 9]);
  });

  it('draws no two samples of one glyph alike, yet the same seed gives the same drawings', async () => {
    const a = await hersheyStrokes.create(base);
    const again = await hersheyStrokes.create(base);
    const one = Array.from(a.batch([0]).strokesOut.data);
    expect(Array.from(a.batch([10]).strokesOut.data)).not.toEqual(one);
    expect(Array.from(again.batch([0]).strokesOut.data)).toEqual(one);
  });

  it('takes the characters themselves and mixes fonts', async () => {
    const ds = await hersheyStrokes.create({ ...base, glyphs: 'AbC', fonts: ['futural', 'scripts'] });
    expect(ds.fields.label.vocab!.tokens).toEqual(['A', 'b', 'C']);
  });

  it('reads an SVG path into polylines', () => {
    expect(parsePath('M9,1 L1,22 M4,15 L14,15 16,16')).toEqual([[[9, 1], [1, 22]], [[4, 15], [14, 15], [16, 16]]]);
  });

  it('names an unknown font and a character the font lacks', async () => {
    await expect(hersheyStrokes.create({ ...base, fonts: ['comic'] })).rejects.toThrow(/there is no Hershey font "comic"; the fonts are futural, /);
    await expect(hersheyStrokes.create({ ...base, glyphs: 'aé' })).rejects.toThrow(new DataError('hershey-strokes', null, 'the font "futural" has no glyph for "é"'));
  });
});
