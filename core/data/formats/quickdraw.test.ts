import { describe, expect, it } from 'vitest';
import { quickdrawFormat } from './quickdraw';
import { dataErrorMessage } from '../data-test-kit';

const cat = JSON.stringify({ word: 'cat', countrycode: 'US', drawing: [[[0, 10, 10], [0, 0, 10]], [[0, 0], [10, 0]]] });
const sun = JSON.stringify({ word: 'sun', drawing: [[[5, 6, 7, 8], [5, 6, 7, 8]]] });
const file = [sun, cat, '', sun].join('\n') + '\n';

const parse = (text: string, maxLength = 8) => quickdrawFormat.parse(text, { maxLength }, 'sketches.ndjson');

describe('quickdraw-ndjson', () => {
  it('gives strokesIn and strokesOut [maxLength, 5] and the word as a sorted class id', async () => {
    const ds = await parse(file);
    expect(ds.size).toBe(3);
    expect(ds.fields.strokesIn.shape).toEqual([8, 5]);
    expect(ds.fields.strokesOut.shape).toEqual([8, 5]);
    expect(ds.fields.label.vocab?.tokens).toEqual(['cat', 'sun']);
    const b = ds.batch([0, 1]);
    expect(Array.from(b.label.data)).toEqual([1, 0]);
    expect(b.strokesOut.shape).toEqual([2, 8, 5]);
    // The cat: 5 points are 5 steps; the pen lifts after the 3rd and the 5th; then end steps.
    const out = Array.from({ length: 8 }, (_, t) => Array.from(b.strokesOut.data.subarray(40 + t * 5, 40 + t * 5 + 5)));
    expect(out.map((r) => r.slice(2))).toEqual([
      [1, 0, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1], [0, 0, 1],
    ]);
    const inp = Array.from(b.strokesIn.data.subarray(40, 45));
    expect(inp).toEqual([0, 0, 1, 0, 0]);
  });

  it('normalises offsets to unit standard deviation and keeps the scale on the field', async () => {
    const ds = await parse(file);
    expect(ds.fields.strokesOut.strokeScale).toBeGreaterThan(1);
    const b = ds.batch([1]);
    // The cat's second step is (10, 0) in file units.
    expect(b.strokesOut.data[5] * ds.fields.strokesOut.strokeScale!).toBeCloseTo(10, 4);
  });

  it('leaves out drawings longer than maxLength and says so', async () => {
    const ds = await parse(file, 4);
    expect(ds.size).toBe(2);
    expect(ds.notes).toEqual(['1 drawing with more than maxLength 4 steps were left out']);
  });

  it('names the line that is not JSON', async () => {
    expect(await dataErrorMessage(parse(`${cat}\n{"word": "dog", drawing}\n`))).toMatch(/^sketches\.ndjson, line 2: the line is not JSON \(/);
  });

  it('names the line and the stroke of a drawing with the wrong structure', async () => {
    expect(await dataErrorMessage(parse(`${cat}\n${JSON.stringify({ word: 'x', drawing: [[[1, 2], [3, 4]], [[1, 2], [3]]] })}`))).toBe(
      'sketches.ndjson, line 2: the drawing has a stroke 2 with 2 x values but 1 y values',
    );
    expect(await dataErrorMessage(parse(JSON.stringify({ drawing: [] })))).toBe('sketches.ndjson, line 1: the drawing has no "word" string');
    expect(await dataErrorMessage(parse(JSON.stringify({ word: 'a', drawing: [[1, 2]] })))).toBe(
      'sketches.ndjson, line 1: the drawing has a stroke 1 that is not [[x...], [y...]]',
    );
    expect(await dataErrorMessage(parse(JSON.stringify({ word: 'a', drawing: [[[1, 'b'], [3, 4]]] })))).toBe(
      'sketches.ndjson, line 1: the drawing has a stroke 1 with a point that is not two numbers (point 2)',
    );
    expect(await dataErrorMessage(parse('[1, 2]'))).toBe('sketches.ndjson, line 1: the drawing is not a JSON object with "word" and "drawing"');
  });

  it('says so when every drawing is too long', async () => {
    expect(await dataErrorMessage(parse(sun, 3))).toBe('sketches.ndjson: the only drawing has more than maxLength 3 steps; raise maxLength');
  });
});
