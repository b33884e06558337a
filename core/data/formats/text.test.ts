import { describe, expect, it } from 'vitest';
import { textFormat } from './text';
import { DataError } from '../types';
import { decode } from '../vocab';

describe('text', () => {
  it('gives chars [window] and nextChars shifted by one, over a sorted character vocabulary', async () => {
    const ds = await textFormat.parse('hello\r\nhello', { window: 4, step: 1 }, 'hi.txt');
    const vocab = ds.fields.chars.vocab!;
    expect(vocab.tokens).toEqual(['\n', 'e', 'h', 'l', 'o']);
    expect(ds.size).toBe(11 - 4);
    const b = ds.batch([0, 6]);
    expect(b.chars.shape).toEqual([2, 4]);
    expect(decode(vocab, b.chars.data.subarray(0, 4))).toBe('hell');
    expect(decode(vocab, b.nextChars.data.subarray(0, 4))).toBe('ello');
    expect(decode(vocab, b.nextChars.data.subarray(4, 8))).toBe('ello');
  });

  it('gives the same ids however the chunks are cut, even inside \\r\\n or a surrogate pair', async () => {
    const text = 'a🙂b\r\nc🙂';
    const whole = await textFormat.parse(text, { window: 2, step: 1 }, 't.txt');
    const cut = await textFormat.parse(['a\ud83d', '\ude42b\r', '\nc🙂'], { window: 2, step: 1 }, 't.txt');
    expect(cut.fields.chars.vocab).toEqual(whole.fields.chars.vocab);
    expect(Array.from(cut.batch([0, 1, 2, 3]).chars.data)).toEqual(Array.from(whole.batch([0, 1, 2, 3]).chars.data));
    expect(whole.fields.chars.vocab!.tokens).toContain('🙂');
  });

  it('with step 3 starts a sample every third character', async () => {
    const ds = await textFormat.parse('abcdefghij', { window: 3, step: 3 }, 't.txt');
    expect(ds.size).toBe(3);
    expect(decode(ds.fields.chars.vocab!, ds.batch([2]).chars.data)).toBe('ghi');
  });

  it('says how long the text must be when it is shorter than window + 1', async () => {
    await expect(textFormat.parse('abc', { window: 3, step: 1 }, 'short.txt')).rejects.toThrow(
      new DataError('short.txt', null, 'the text has 3 characters, but window 3 needs at least 4'),
    );
  });
});
