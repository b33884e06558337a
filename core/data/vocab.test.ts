import { describe, expect, it } from 'vitest';
import { decode, encode, makeVocab } from './vocab';
import { checkFieldFitsInput, checkVocabFits } from './fit';
import type { FieldInfo } from './types';

describe('vocabularies', () => {
  it('put pad, start and end at 0, 1, 2, then the tokens sorted', () => {
    const v = makeVocab('cab', { specials: true });
    expect(v.tokens).toEqual(['<pad>', '<start>', '<end>', 'a', 'b', 'c']);
    expect(v.specials).toEqual({ pad: 0, start: 1, end: 2 });
  });

  it('encode text to ids and decode ids back, stopping at <end>', () => {
    const v = makeVocab(['big', 'red', 'ball'], { specials: true, joiner: ' ' });
    const ids = encode(v, 'big red ball') as number[];
    expect(decode(v, [1, ...ids, 2, 3, 0])).toBe('big red ball');
    expect(encode(v, 'big blue')).toEqual([ids[0], null]);
  });
});

describe('checks of a field against a node', () => {
  const chars: FieldInfo = { shape: [40], dtype: 'int32', description: '', vocab: makeVocab('abcdefghij') };

  it('say when a vocabulary is larger than vocabSize, naming both sizes', () => {
    expect(checkVocabFits('chars', chars, 'tok', 'vocabSize', 10)).toBeNull();
    expect(checkVocabFits('chars', chars, 'tok', 'vocabSize', 8)).toBe('field "chars" has 10 distinct ids (0 to 9) but node "tok" has vocabSize 8; set vocabSize to at least 10');
  });

  it('say when a shape or dtype does not fit an input; a null dimension takes any size', () => {
    expect(checkFieldFitsInput('chars', chars, 'tok', { shape: [null], dtype: 'int32' })).toBeNull();
    expect(checkFieldFitsInput('chars', chars, 'tok', { shape: [30], dtype: 'int32' })).toBe('field "chars" is [40] but node "tok" takes [30]');
    expect(checkFieldFitsInput('chars', chars, 'seq', { shape: [40], dtype: 'float32' })).toBe('field "chars" holds int ids but node "seq" takes floats');
  });
});
