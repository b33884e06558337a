import { SEED_OPTION, defineBuiltin } from '../define';
import { PAIRS_IDS, pairsDataset } from '../formats/pairs-tsv';
import { createRng } from '../../random';
import { DataError } from '../types';
import { PAD, makeVocab, tokenIndex } from '../vocab';

/**
 * `addition`: sequence to sequence, as in Keras's addition_rnn example:
 * "12+345" -> "357". Numbers have 1 to `digits` digits, each question is
 * asked once (a+b and b+a count as one), and `reverse` feeds the padded
 * question backwards, which Keras found makes the task easier.
 *
 * Fields, as pairs-tsv gives them:
 * - `source` [2*digits+1] int: the question's characters, padded with <pad>
 * - `targetIn` [digits+2] int: <start> then the answer's digits, padded
 * - `target` [digits+2] int: the answer's digits then <end>, padded
 */
export const addition = defineBuiltin({
  name: 'addition',
  description: 'sequence to sequence: "12+345" -> "357" (with digits 3, as in Keras addition_rnn)',
  options: {
    digits: { kind: 'int', default: 2, min: 1, max: 6, help: 'the most digits of each number' },
    count: { kind: 'int', default: 5000, min: 1, max: 1_000_000, help: 'questions' },
    reverse: { kind: 'bool', default: false, help: 'feed the padded question backwards' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'source', shape: '[2*digits+1]', dtype: 'int32', description: 'the question "a+b" as character ids, padded with <pad>' },
    { name: 'targetIn', shape: '[digits+2]', dtype: 'int32', description: '<start> then the answer digits, padded' },
    { name: 'target', shape: '[digits+2]', dtype: 'int32', description: 'the answer digits then <end>, padded' },
  ],
  ids: `${PAIRS_IDS}; the source characters are 0-9 and +, the target characters 0-9`,
  async create({ digits, count, reverse, seed }) {
    const numbers = 10 ** digits;
    const distinct = (numbers * (numbers + 1)) / 2;
    if (count > distinct) {
      throw new DataError('addition', null, `there are only ${distinct} distinct questions with ${digits} ${digits === 1 ? 'digit' : 'digits'}; ask for at most that many (count ${count})`);
    }
    const rng = createRng(seed);
    const srcVocab = makeVocab('+0123456789', { specials: true });
    const tgtVocab = makeVocab('0123456789', { specials: true });
    const srcIndex = tokenIndex(srcVocab);
    const tgtIndex = tokenIndex(tgtVocab);
    const Ts = 2 * digits + 1;
    const Tt = digits + 2;
    const src = new Int32Array(count * Ts);
    const tgt: number[] = [];
    const tgtStarts = new Int32Array(count);
    const seen = new Set<number>();
    // As in Keras: first a length of 1 to `digits`, then that many random digits.
    const number = () => {
      let n = 0;
      for (let k = 1 + rng.int(digits); k > 0; k--) n = n * 10 + rng.int(10);
      return n;
    };
    for (let i = 0; i < count; ) {
      const a = number();
      const b = number();
      const key = Math.min(a, b) * numbers + Math.max(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      const ids = Array.from(`${a}+${b}`, (ch) => srcIndex.get(ch)!);
      while (ids.length < Ts) ids.push(PAD);
      src.set(reverse ? ids.reverse() : ids, i * Ts);
      tgtStarts[i] = tgt.length;
      for (const ch of String(a + b)) tgt.push(tgtIndex.get(ch)!);
      i++;
    }
    const starts = Int32Array.from({ length: count }, (_, i) => i * Ts);
    const dataset = pairsDataset('addition', { ids: { ids: src, vocab: srcVocab }, starts }, { ids: { ids: Int32Array.from(tgt), vocab: tgtVocab }, starts: tgtStarts }, { Ts, Tt });
    // Said on the field, so that a question is shown as written and one typed is fed as these were.
    if (reverse) dataset.fields.source.reversed = true;
    return dataset;
  },
});
