import { defineFormat } from '../define';
import { GrowableInt32 } from '../growable';
import { readLines } from '../lines';
import { TokenStore } from '../token-store';
import { DataError, allocate, wanted, type Dataset, type FieldInfo } from '../types';
import { END, PAD, START, tokenize } from '../vocab';

export const PAIRS_IDS = 'source and target each have their own character vocabulary; in both, id 0 is <pad>, 1 is <start>, 2 is <end>, then the characters sorted';

/**
 * `pairs-tsv`: one `source<TAB>target` pair a line (a third column, like the
 * attribution in the Tatoeba/Anki files, is ignored). Text is read as
 * characters; ids sit in two flat Int32Arrays with an offset per pair, padded
 * at batch time.
 */
export const pairsTsvFormat = defineFormat({
  format: 'pairs-tsv',
  description: 'one source<TAB>target pair a line',
  options: {},
  fields: [
    { name: 'source', shape: '[Ts]', dtype: 'int32', description: 'source character ids, padded with <pad>; Ts is the longest source' },
    { name: 'targetIn', shape: '[Tt]', dtype: 'int32', description: '<start> then the target character ids, padded; Tt is the longest target + 1' },
    { name: 'target', shape: '[Tt]', dtype: 'int32', description: 'the target character ids then <end>, padded' },
  ],
  ids: PAIRS_IDS,
  async parse(source, _opts, file): Promise<Dataset> {
    const src = new TokenStore();
    const tgt = new TokenStore();
    const srcStart = new GrowableInt32(1024);
    const tgtStart = new GrowableInt32(1024);
    for await (const line of readLines(source)) {
      if (line.text.trim() === '') continue;
      const cols = line.text.split('\t');
      if (cols.length < 2) throw new DataError(file, line.number, 'the line has no tab; each line is source<TAB>target');
      if (cols[0] === '') throw new DataError(file, line.number, 'the source (before the tab) is empty');
      if (cols[1] === '') throw new DataError(file, line.number, 'the target (after the tab) is empty');
      srcStart.push(src.ids.length);
      tgtStart.push(tgt.ids.length);
      for (const ch of tokenize(cols[0], '')) src.push(ch);
      for (const ch of tokenize(cols[1], '')) tgt.push(ch);
    }
    if (srcStart.length === 0) throw new DataError(file, null, 'the file holds no pairs');
    return pairsDataset(file, { ids: src.finish({ specials: true }), starts: srcStart.trimmed() }, { ids: tgt.finish({ specials: true }), starts: tgtStart.trimmed() });
  },
});

interface Side {
  ids: ReturnType<TokenStore['finish']>;
  starts: Int32Array;
}

/** The dataset over two sides of token ids; used by `pairs-tsv` and by `addition`. */
export function pairsDataset(name: string, src: Side, tgt: Side, lengths?: { Ts: number; Tt: number }): Dataset {
  const size = src.starts.length;
  const span = (side: Side, i: number): [number, number] => [side.starts[i], i + 1 < size ? side.starts[i + 1] : side.ids.ids.length];
  const longest = (side: Side) => {
    let m = 0;
    for (let i = 0; i < size; i++) m = Math.max(m, span(side, i)[1] - span(side, i)[0]);
    return m;
  };
  const Ts = lengths?.Ts ?? longest(src);
  const Tt = lengths?.Tt ?? longest(tgt) + 1;
  const fields: Record<string, FieldInfo> = {
    source: { shape: [Ts], dtype: 'int32', description: `source ids, padded with <pad> (${PAD}) to ${Ts}`, vocab: src.ids.vocab },
    targetIn: { shape: [Tt], dtype: 'int32', description: `<start> (${START}) then the target ids, padded to ${Tt}`, vocab: tgt.ids.vocab },
    target: { shape: [Tt], dtype: 'int32', description: `the target ids then <end> (${END}), padded to ${Tt}`, vocab: tgt.ids.vocab },
  };
  return {
    name,
    fields,
    size,
    split: { mode: 'shuffle' },
    notes: [],
    batch(indices, only) {
      const out: Record<string, ReturnType<typeof allocate>> = {};
      for (const field of wanted(fields, only)) {
        const T = field === 'source' ? Ts : Tt;
        const fb = allocate(fields[field], indices.length);
        fb.data.fill(PAD);
        for (let b = 0; b < indices.length; b++) {
          const side = field === 'source' ? src : tgt;
          const [from, to] = span(side, indices[b]);
          const body = side.ids.ids.subarray(from, to);
          const at = b * T;
          if (field === 'source') fb.data.set(body.subarray(0, T), at);
          else if (field === 'targetIn') {
            fb.data[at] = START;
            fb.data.set(body.subarray(0, T - 1), at + 1);
          } else {
            fb.data.set(body.subarray(0, T - 1), at);
            fb.data[at + Math.min(body.length, T - 1)] = END;
          }
        }
        out[field] = fb;
      }
      return out;
    },
  };
}
