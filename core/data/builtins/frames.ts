import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { tableDataset } from '../table';
import { makeVocab } from '../vocab';

export const DIRECTIONS = ['left', 'right', 'up', 'down'] as const;
const MOVES: Record<(typeof DIRECTIONS)[number], [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
/** Steps a direction holds before it may change, so that every direction is seen in motion. */
const MIN_RUN = 3;

/**
 * `frames`: per-step labelling. Each sample is a short clip of a 2x2 square
 * moving one pixel a frame over a small frame that wraps around at the
 * edges; now and then it turns. Every frame is labelled with the direction
 * of the move that brought the square there: one frame alone cannot tell,
 * the sequence can.
 *
 * Each clip also has one label of its own, for classifying whole clips
 * (many-to-one, a small video classification): the direction the square
 * moved in most; on a tie, the one of them that reached that count first.
 * No single frame tells it, and neither does the last move: the clip must
 * be watched and counted.
 *
 * Fields:
 * - `frames` [steps, size*size] float: the frames, flattened, 1 where the square is
 * - `labels` [steps] int: the direction of each frame (0 left, 1 right, 2 up, 3 down)
 * - `clipLabel` [] int: the clip's direction, the one it moved in most
 */
export const frames = defineBuiltin({
  name: 'frames',
  description: 'clips of a moving square: each frame labelled with the direction of motion (per step), and each clip with the direction it moved in most (many-to-one)',
  options: {
    steps: { kind: 'int', default: 16, min: 2, max: 1000, help: 'frames per clip' },
    size: { kind: 'int', default: 8, min: 4, max: 64, help: 'side of a frame, in pixels' },
    count: { kind: 'int', default: 1000, min: 1, max: 100_000, help: 'clips' },
    turn: { kind: 'float', default: 0.25, min: 0, max: 1, help: 'chance per frame of turning, once a direction has held 3 frames' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'frames', shape: '[steps, size*size]', dtype: 'float32', description: 'the frames, flattened row by row' },
    { name: 'labels', shape: '[steps]', dtype: 'int32', description: 'direction of motion at each frame: 0 left, 1 right, 2 up, 3 down' },
    { name: 'clipLabel', shape: '[]', dtype: 'int32', description: 'the direction the clip moved in most (a tie goes to the one that got there first)' },
  ],
  ids: 'labels: 0 left, 1 right, 2 up, 3 down',
  async create({ steps, size, count, turn, seed }) {
    const rng = createRng(seed);
    const px = size * size;
    const pixels = new Float32Array(count * steps * px);
    const labels = new Int32Array(count * steps);
    const clipLabels = new Int32Array(count);
    const wrap = (v: number) => ((v % size) + size) % size;
    for (let i = 0; i < count; i++) {
      let x = rng.int(size);
      let y = rng.int(size);
      let dir = rng.int(DIRECTIONS.length);
      let run = 0;
      for (let t = 0; t < steps; t++) {
        if (run >= MIN_RUN && rng.next() < turn) {
          dir = (dir + 1 + rng.int(DIRECTIONS.length - 1)) % DIRECTIONS.length;
          run = 0;
        }
        const [dx, dy] = MOVES[DIRECTIONS[dir]];
        x = wrap(x + dx);
        y = wrap(y + dy);
        run++;
        labels[i * steps + t] = dir;
        const frame = (i * steps + t) * px;
        for (const [ox, oy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) pixels[frame + wrap(y + oy) * size + wrap(x + ox)] = 1;
      }
      clipLabels[i] = mostMoved(labels.subarray(i * steps, (i + 1) * steps));
    }
    const vocab = makeVocab(DIRECTIONS, { sort: false, joiner: ' ' });
    return tableDataset('frames', count, {
      frames: { info: { shape: [steps, px], dtype: 'float32', description: `${steps} frames of ${size}x${size} pixels, flattened` }, data: pixels },
      labels: { info: { shape: [steps], dtype: 'int32', description: 'direction of motion at each frame: 0 left, 1 right, 2 up, 3 down', vocab }, data: labels },
      clipLabel: { info: { shape: [], dtype: 'int32', description: 'the direction the clip moved in most: 0 left, 1 right, 2 up, 3 down', vocab }, data: clipLabels },
    });
  },
});

/** The direction of most frames; on a tie, the one that reached that count first. */
export function mostMoved(labels: ArrayLike<number>): number {
  const counts = new Array<number>(DIRECTIONS.length).fill(0);
  let best = labels[0] ?? 0;
  for (let t = 0; t < labels.length; t++) {
    // Strictly more: a direction that only draws level does not take the lead.
    if (++counts[labels[t]] > counts[best]) best = labels[t];
  }
  return best;
}
