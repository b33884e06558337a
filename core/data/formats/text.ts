import { defineFormat } from '../define';
import { readChunks } from '../lines';
import { TokenStore } from '../token-store';
import { DataError, allocate, wanted, type Dataset, type FieldInfo } from '../types';

/**
 * `text`: plain UTF-8 text, read as characters (code points; `\r\n` counts as
 * `\n`). Sample i is the `window` characters from `i * step` as ids, and the
 * same window shifted by one as the characters to predict. The text is held
 * once as ids; windows are cut at batch time.
 */
export const textFormat = defineFormat({
  format: 'text',
  description: 'plain UTF-8 text, read character by character',
  options: {
    window: { kind: 'int', min: 1, help: 'characters per sample' },
    step: { kind: 'int', default: 1, min: 1, help: 'characters between the starts of two samples' },
  },
  fields: [
    { name: 'chars', shape: '[window]', dtype: 'int32', description: 'character ids' },
    { name: 'nextChars', shape: '[window]', dtype: 'int32', description: 'the same characters shifted by one: what comes next at each step' },
  ],
  ids: 'the distinct characters of the text, sorted by code unit; no special ids',
  async parse(source, { window, step }, file): Promise<Dataset> {
    const store = new TokenStore();
    let pending = '';
    for await (const chunk of readChunks(source)) {
      let text = pending + chunk;
      pending = '';
      // A chunk may end between \r and \n, or inside a surrogate pair: keep that tail for the next.
      const last = text.charCodeAt(text.length - 1);
      if (last === 13 || (last >= 0xd800 && last <= 0xdbff)) {
        pending = text.slice(-1);
        text = text.slice(0, -1);
      }
      for (const ch of text.replace(/\r\n/g, '\n')) store.push(ch);
    }
    if (pending) store.push(pending);
    const n = store.ids.length;
    if (n < window + 1) throw new DataError(file, null, `the text has ${n} characters, but window ${window} needs at least ${window + 1}`);
    const { ids, vocab } = store.finish();
    const fields: Record<string, FieldInfo> = {
      chars: { shape: [window], dtype: 'int32', description: `${window} character ids`, vocab },
      nextChars: { shape: [window], dtype: 'int32', description: 'the characters that follow, one step ahead', vocab },
    };
    return {
      name: file,
      fields,
      size: Math.floor((n - window - 1) / step) + 1,
      split: { mode: 'tail', gap: Math.ceil(window / step) },
      notes: [],
      batch(indices, only) {
        const out: Record<string, ReturnType<typeof allocate>> = {};
        for (const name of wanted(fields, only)) {
          const fb = allocate(fields[name], indices.length);
          const shift = name === 'nextChars' ? 1 : 0;
          for (let b = 0; b < indices.length; b++) {
            const from = indices[b] * step + shift;
            fb.data.set(ids.subarray(from, from + window), b * window);
          }
          out[name] = fb;
        }
        return out;
      },
    };
  },
});
