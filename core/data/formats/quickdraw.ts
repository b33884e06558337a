import { defineFormat } from '../define';
import { LabelledStrokes } from '../labelled-strokes';
import { readLines } from '../lines';
import type { Polyline } from '../stroke5';
import { DataError, type Dataset } from '../types';
import { makeVocab } from '../vocab';
import { clip } from '../../quote';

/**
 * `quickdraw-ndjson`: one drawing a line, as in the Quick, Draw! simplified
 * data. Drawings become stroke-5 normalised as sketch-rnn does (every point a
 * step, offsets divided by their standard deviation over the file); drawings
 * longer than `maxLength` steps are left out, as sketch-rnn leaves them out.
 */
export const quickdrawFormat = defineFormat({
  format: 'quickdraw-ndjson',
  description: 'one drawing a line: {"word": ..., "drawing": [[[x...],[y...]], ...]}',
  options: {
    maxLength: { kind: 'int', default: 250, min: 2, max: 10000, help: 'T: drawings with more steps (points) are left out' },
  },
  fields: [
    { name: 'strokesIn', shape: '[maxLength, 5]', dtype: 'float32', description: 'stroke-5: a start step (0,0,1,0,0), then the drawing without its last step; padded with (0,0,0,0,1)' },
    { name: 'strokesOut', shape: '[maxLength, 5]', dtype: 'float32', description: 'stroke-5 (dx, dy, pen down, pen up, end): the drawing, padded with (0,0,0,0,1)' },
    { name: 'label', shape: '[]', dtype: 'int32', description: 'the word, as a class id (words sorted)' },
    { name: 'labelIn', shape: '[1]', dtype: 'int32', description: 'the word as a sequence of one id, for a TokenInput that says what to draw' },
  ],
  ids: 'label: the words of the file, sorted; id = position',
  async parse(source, { maxLength }, file): Promise<Dataset> {
    const set = new LabelledStrokes(maxLength);
    const wordIds = new Map<string, number>();
    for await (const line of readLines(source)) {
      if (line.text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (e) {
        throw new DataError(file, line.number, `the line is not JSON (${clip((e as Error).message, 120)})`);
      }
      const { word, lines } = readDrawing(value, file, line.number);
      // A word gets its first-seen id only with a drawing that is kept.
      const id = wordIds.get(word) ?? wordIds.size;
      if (set.add(lines, id)) wordIds.set(word, id);
    }
    const tooLong = set.tooLong;
    if (set.count === 0) {
      throw new DataError(file, null, tooLong ? `${tooLong === 1 ? 'the only drawing has' : `all ${tooLong} drawings have`} more than maxLength ${maxLength} steps; raise maxLength` : 'the file holds no drawings');
    }
    // Class ids follow the sorted words, so the same words give the same ids in every file.
    const vocab = makeVocab(wordIds.keys(), { joiner: ' ' });
    const remap = new Int32Array(wordIds.size);
    for (const [w, first] of wordIds) remap[first] = vocab.tokens.indexOf(w);
    const notes = tooLong ? [`${tooLong} ${tooLong === 1 ? 'drawing' : 'drawings'} with more than maxLength ${maxLength} steps were left out`] : [];
    return set.dataset(file, { description: `the word as a class id (${vocab.tokens.length} words)`, vocab }, notes, (first) => remap[first]);
  },
});

/** The word and polylines of one parsed line, or a DataError saying what is wrong with it. */
function readDrawing(value: unknown, file: string, line: number): { word: string; lines: Polyline[] } {
  const fail = (what: string): never => {
    throw new DataError(file, line, `the drawing ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('is not a JSON object with "word" and "drawing"');
  const { word, drawing } = value as { word?: unknown; drawing?: unknown };
  if (typeof word !== 'string' || word === '') fail('has no "word" string');
  if (!Array.isArray(drawing) || drawing.length === 0) fail('has no "drawing" list of strokes');
  const lines: Polyline[] = [];
  (drawing as unknown[]).forEach((stroke, s) => {
    const where = `stroke ${s + 1}`;
    if (!Array.isArray(stroke) || stroke.length < 2 || !Array.isArray(stroke[0]) || !Array.isArray(stroke[1])) {
      fail(`has a ${where} that is not [[x...], [y...]]`);
    }
    const [xs, ys] = stroke as unknown[][];
    if (xs.length !== ys.length) fail(`has a ${where} with ${xs.length} x values but ${ys.length} y values`);
    if (xs.length === 0) fail(`has an empty ${where}`);
    const points: Polyline = [];
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      const y = ys[k];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        fail(`has a ${where} with a point that is not two numbers (point ${k + 1})`);
      }
      points.push([x as number, y as number]);
    }
    lines.push(points);
  });
  return { word: word as string, lines };
}
