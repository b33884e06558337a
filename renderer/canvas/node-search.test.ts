import { describe, expect, it } from 'vitest';
import { searchSpecs } from './node-search';

const types = (q: string) => searchSpecs(q).map((s) => s.type);

describe('node search', () => {
  it('finds nodes by what they do, not only by their type name', () => {
    expect(types('mixture')).toContain('Output');
    expect(types('mdn')).toContain('Output');
    expect(types('strokes')).toEqual(expect.arrayContaining(['Output', 'SequenceInput']));
    expect(types('attention')[0]).toBe('Attention');
    expect(types('embedding')[0]).toBe('Embedding');
    expect(types('gate')).toEqual(expect.arrayContaining(['LSTM', 'GRU']));
  });

  it('ranks a match on the type name above a match on the description', () => {
    // "dense" is Dense's name and also in no other's words; "input" names four types and appears in other descriptions.
    const found = types('input');
    const named = found.filter((t) => t.toLowerCase().includes('input'));
    expect(found.slice(0, named.length)).toEqual(named);
    expect(named.length).toBeGreaterThanOrEqual(4);
  });

  it('needs every word to match, and finds nothing for nonsense', () => {
    expect(types('lstm gate')).toEqual(['LSTM']);
    expect(types('zebra')).toEqual([]);
  });
});
