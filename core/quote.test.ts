import { describe, expect, it } from 'vitest';
import { clip, excerpt, quote } from './quote';

describe('quoting data in messages', () => {
  it('cuts a long text to 80 characters with an ellipsis', () => {
    const shown = clip('x'.repeat(30_000_000));
    expect(shown).toHaveLength(80);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('shows ANSI and OSC escape codes escaped, never raw', () => {
    const shown = quote('\u001b]0;pwned\u0007\u001b[31mred\u009b2J');
    expect(shown).toBe('"\\u001b]0;pwned\\u0007\\u001b[31mred\\u009b2J"');
    // eslint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('leaves a short plain text as it is', () => {
    expect(clip('temperature')).toBe('temperature');
    expect(quote('a"b')).toBe('"a\\"b"');
  });

  it('summarises a deep or huge value without building it whole', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(excerpt(deep).length).toBeLessThanOrEqual(80);
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    expect(excerpt(wide)).toMatch(/^\{"k0":0,"k1":1,.*…$/);
    expect(excerpt('abc')).toBe('"abc"');
    expect(excerpt(undefined)).toBe('nothing');
  });
});
