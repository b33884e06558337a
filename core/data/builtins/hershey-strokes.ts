import { SEED_OPTION, defineBuiltin } from '../define';
import { LabelledStrokes } from '../labelled-strokes';
import { createRng, type Rng } from '../../random';
import type { Polyline } from '../stroke5';
import { DataError, type Dataset } from '../types';
import { makeVocab } from '../vocab';
import { importPackageJson } from '../package-data';

/** The Hershey fonts with Latin letters and digits (the package has symbol and Greek fonts too). */
export const HERSHEY_FONTS = ['futural', 'futuram', 'scripts', 'scriptc', 'timesr', 'timesrb', 'timesi', 'timesib', 'cursive', 'gothiceng', 'gothicger', 'gothicita'] as const;

const GLYPH_SETS: Record<string, string> = {
  digits: '0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
};

/**
 * `hershey-strokes`: digits and letters drawn as pen strokes, from the
 * Hershey stroke fonts of the `hersheytext` package, made into stroke-5 the
 * way quickdraw-ndjson does (so templates bind both alike). Each sample is a
 * glyph (glyphs take turns) bent by a random scale per axis, a random slant
 * and jitter on every point, so no two samples are the same.
 *
 * Fields:
 * - `strokesIn` [maxLength, 5] float: a start step, then the drawing shifted by one step
 * - `strokesOut` [maxLength, 5] float: the drawing in stroke-5, padded with end steps
 * - `label` [] int: which glyph (its position in `glyphs`)
 * - `labelIn` [1] int: the same id as a one-step sequence, to condition a decoder on
 */
export const hersheyStrokes = defineBuiltin({
  name: 'hershey-strokes',
  description: 'digits and letters as pen strokes (Hershey fonts), stroke-5, with jitter, scale and slant',
  options: {
    glyphs: { kind: 'string', default: 'digits', help: 'digits, upper, lower, letters, or the characters themselves (e.g. "0123456789")' },
    count: { kind: 'int', default: 2000, min: 1, max: 1_000_000, help: 'drawings' },
    fonts: { kind: 'strings', default: ['futural'], help: `Hershey fonts to draw from: ${HERSHEY_FONTS.join(', ')}` },
    maxLength: { kind: 'int', default: 64, min: 2, max: 10000, help: 'T: steps per drawing, padded' },
    jitter: { kind: 'float', default: 0.01, min: 0, max: 0.2, help: 'std of the noise on each point, as a fraction of the glyph height' },
    scale: { kind: 'float', default: 0.15, min: 0, max: 0.9, help: 'each axis is scaled by 1 ± up to this' },
    slant: { kind: 'float', default: 0.25, min: 0, max: 2, help: 'the drawing leans by up to this much (x shifts this times y)' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'strokesIn', shape: '[maxLength, 5]', dtype: 'float32', description: 'stroke-5: a start step (0,0,1,0,0), then the drawing without its last step; padded with (0,0,0,0,1)' },
    { name: 'strokesOut', shape: '[maxLength, 5]', dtype: 'float32', description: 'stroke-5 (dx, dy, pen down, pen up, end): the drawing, padded with (0,0,0,0,1)' },
    { name: 'label', shape: '[]', dtype: 'int32', description: 'the glyph, as its position in glyphs' },
    { name: 'labelIn', shape: '[1]', dtype: 'int32', description: 'the glyph as a sequence of one id, for a TokenInput that says which glyph to draw' },
  ],
  ids: 'label: the position of the glyph in glyphs',
  async create(opts, host): Promise<Dataset> {
    const chars = [...new Set(Array.from(GLYPH_SETS[opts.glyphs] ?? opts.glyphs))];
    const glyphs = await loadGlyphs(chars, opts.fonts, host?.importJson ?? importPackageJson);
    const rng = createRng(opts.seed);
    const set = new LabelledStrokes(opts.maxLength);
    for (let i = 0; i < opts.count; i++) {
      const g = i % chars.length;
      const variants = glyphs[g];
      set.add(augment(variants[rng.int(variants.length)], rng, opts), g);
    }
    if (set.count === 0) throw new DataError('hershey-strokes', null, `every glyph has more than maxLength ${opts.maxLength} points; raise maxLength`);
    const notes = set.tooLong ? [`${set.tooLong} drawings with more than maxLength ${opts.maxLength} points were left out`] : [];
    return set.dataset('hershey-strokes', { description: `the glyph: ${chars.join('')}`, vocab: makeVocab(chars, { sort: false }) }, notes);
  },
});

/** For each character, its polylines in each font (y down, in font units). */
async function loadGlyphs(chars: string[], fonts: string[], importJson: (specifier: string) => Promise<unknown>): Promise<Polyline[][][]> {
  const data = (await importJson('hersheytext/hersheytext.min.json')) as Record<string, { chars: { d: string }[] }>;
  for (const f of fonts) {
    if (!(HERSHEY_FONTS as readonly string[]).includes(f) || !data[f]) {
      throw new DataError('hershey-strokes', null, `there is no Hershey font "${f}"; the fonts are ${HERSHEY_FONTS.join(', ')}`);
    }
  }
  return chars.map((ch) =>
    fonts.map((f) => {
      // The package indexes glyphs from "!" (code 33).
      const glyph = data[f].chars[ch.codePointAt(0)! - 33];
      if (!glyph || !glyph.d) throw new DataError('hershey-strokes', null, `the font "${f}" has no glyph for ${JSON.stringify(ch)}`);
      return parsePath(glyph.d);
    }),
  );
}

/** "M9,1 L1,22 M9,1 L17,22": each M starts a polyline, the points after L continue it. */
export function parsePath(d: string): Polyline[] {
  const lines: Polyline[] = [];
  for (const part of d.split('M').map((s) => s.trim()).filter(Boolean)) {
    const points = part.replace(/L/g, ' ').trim().split(/\s+/).map((p) => p.split(',').map(Number) as [number, number]);
    lines.push(points);
  }
  return lines;
}

function augment(lines: Polyline[], rng: Rng, o: { jitter: number; scale: number; slant: number }): Polyline[] {
  const ys = lines.flat().map((p) => p[1]);
  const top = Math.min(...ys);
  const height = Math.max(...ys) - top || 1;
  const mid = top + height / 2;
  const sx = 1 + rng.uniform(-o.scale, o.scale);
  const sy = 1 + rng.uniform(-o.scale, o.scale);
  const lean = rng.uniform(-o.slant, o.slant);
  const noise = o.jitter * height;
  // Upward is -y, so a positive lean moves the top of the glyph right, as italics do.
  return lines.map((line) =>
    line.map(([x, y]): [number, number] => [(x + lean * (mid - y)) * sx + noise * rng.normal(), y * sy + noise * rng.normal()]),
  );
}
