import type { Vocab } from './types';

/** Ids 0, 1, 2 of every sequence-to-sequence vocabulary: pad, start, end. */
export const PAD = 0;
export const START = 1;
export const END = 2;
const SPECIAL_TOKENS = ['<pad>', '<start>', '<end>'];

/** A vocabulary of `tokens`, sorted, after the three special ids when `specials` is set. */
export function makeVocab(tokens: Iterable<string>, opts: { specials?: boolean; joiner?: string; sort?: boolean } = {}): Vocab {
  const unique = [...new Set(tokens)];
  if (opts.sort !== false) unique.sort();
  const joiner = opts.joiner ?? '';
  return opts.specials
    ? { tokens: [...SPECIAL_TOKENS, ...unique], specials: { pad: PAD, start: START, end: END }, joiner }
    : { tokens: unique, specials: {}, joiner };
}

/** token -> id, built once per vocabulary and kept beside it. */
const indexes = new WeakMap<Vocab, Map<string, number>>();
export function tokenIndex(vocab: Vocab): Map<string, number> {
  let index = indexes.get(vocab);
  if (!index) {
    index = new Map(vocab.tokens.map((t, i) => [t, i]));
    indexes.set(vocab, index);
  }
  return index;
}

/** Splits text into the tokens of `vocab`: characters (by code point) or words. */
export function tokenize(text: string, joiner: string): string[] {
  return joiner === '' ? Array.from(text) : text.split(joiner).filter((w) => w.length > 0);
}

/** Ids of `text`; `null` for a token the vocabulary does not hold. */
export function encode(vocab: Vocab, text: string): (number | null)[] {
  const index = tokenIndex(vocab);
  return tokenize(text, vocab.joiner).map((t) => index.get(t) ?? null);
}

/** Text of `ids`, stopping at the end token and leaving out pad and start. */
export function decode(vocab: Vocab, ids: ArrayLike<number>): string {
  const { pad, start, end } = vocab.specials;
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === end) break;
    if (id === pad || id === start) continue;
    out.push(vocab.tokens[id] ?? '?');
  }
  return out.join(vocab.joiner);
}
