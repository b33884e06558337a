import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { tableDataset } from '../table';
import { END, START, makeVocab, tokenIndex } from '../vocab';

const SHAPES = ['circle', 'square', 'triangle', 'cross'] as const;
const SIZES = ['small', 'big'] as const;
const ROWS = ['top', 'bottom'] as const;
const COLS = ['left', 'right'] as const;
/** Words per caption: size, shape, row, column. */
const WORDS = 4;

/**
 * `captions`: one-to-many. Small greyscale images, each of one shape, with
 * the caption to generate, e.g. "big circle top left".
 *
 * Fields:
 * - `image` [size, size, 1] float: the picture, 1 on the shape
 * - `captionIn` [5] int: <start> then the four words (the decoder's input)
 * - `caption` [5] int: the four words then <end> (what to predict)
 */
export const captions = defineBuiltin({
  name: 'captions',
  description: 'one-to-many: small images of a shape, with a caption to generate ("big circle top left")',
  options: {
    size: { kind: 'int', default: 16, min: 12, max: 128, help: 'side of an image, in pixels' },
    count: { kind: 'int', default: 2000, min: 1, max: 100_000, help: 'images' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'image', shape: '[size, size, 1]', dtype: 'float32', description: 'the picture, 1 on the shape' },
    { name: 'captionIn', shape: `[${WORDS + 1}]`, dtype: 'int32', description: '<start> then the words of the caption' },
    { name: 'caption', shape: `[${WORDS + 1}]`, dtype: 'int32', description: 'the words of the caption then <end>' },
  ],
  ids: `word ids: 0 <pad>, 1 <start>, 2 <end>, then the words sorted: ${[...SIZES, ...SHAPES, ...ROWS, ...COLS].sort().join(', ')}`,
  async create({ size, count, seed }) {
    const rng = createRng(seed);
    const vocab = makeVocab([...SIZES, ...SHAPES, ...ROWS, ...COLS], { specials: true, joiner: ' ' });
    const index = tokenIndex(vocab);
    const T = WORDS + 1;
    const images = new Float32Array(count * size * size);
    const captionIn = new Int32Array(count * T);
    const caption = new Int32Array(count * T);
    const half = size / 2;
    for (let i = 0; i < count; i++) {
      const shape = SHAPES[rng.int(SHAPES.length)];
      const big = rng.int(2);
      const row = rng.int(2);
      const col = rng.int(2);
      // The shape sits inside its quadrant, nudged a little so position is not one pixel pattern.
      const r = half * (big ? 0.42 : 0.26);
      const cx = col * half + half / 2 + rng.uniform(-0.5, 0.5) * (half / 2 - r);
      const cy = row * half + half / 2 + rng.uniform(-0.5, 0.5) * (half / 2 - r);
      for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
          if (inside(shape, px + 0.5 - cx, py + 0.5 - cy, r)) images[i * size * size + py * size + px] = 1;
        }
      }
      const words = [SIZES[big], shape, ROWS[row], COLS[col]].map((w) => index.get(w)!);
      captionIn.set([START, ...words], i * T);
      caption.set([...words, END], i * T);
    }
    return tableDataset('captions', count, {
      image: { info: { shape: [size, size, 1], dtype: 'float32', description: `${size}x${size} greyscale, 1 on the shape` }, data: images },
      captionIn: { info: { shape: [T], dtype: 'int32', description: '<start> then the words of the caption', vocab }, data: captionIn },
      caption: { info: { shape: [T], dtype: 'int32', description: 'the words of the caption then <end>', vocab }, data: caption },
    });
  },
});

function inside(shape: (typeof SHAPES)[number], dx: number, dy: number, r: number): boolean {
  switch (shape) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square':
      return Math.max(Math.abs(dx), Math.abs(dy)) <= r * 0.8;
    case 'triangle':
      // Apex up: the half-width grows from 0 at the top to r at the bottom.
      return dy >= -r && dy <= r && Math.abs(dx) <= (dy + r) / 2;
    case 'cross':
      return Math.max(Math.abs(dx), Math.abs(dy)) <= r && Math.min(Math.abs(dx), Math.abs(dy)) <= r * 0.3;
  }
}
