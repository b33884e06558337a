import { describe, expect, it } from 'vitest';
import { frames, DIRECTIONS } from './frames';

describe('frames', () => {
  it('gives frames [steps, size*size] and a label for every frame', async () => {
    const ds = await frames.create({ steps: 12, size: 8, count: 30, turn: 0.25, seed: 1 });
    expect(ds.fields.frames.shape).toEqual([12, 64]);
    expect(ds.fields.labels.shape).toEqual([12]);
    expect(ds.fields.labels.vocab!.tokens).toEqual([...DIRECTIONS]);
    const b = ds.batch([0, 1]);
    expect(b.frames.shape).toEqual([2, 12, 64]);
    expect(b.labels.data.every((l) => l >= 0 && l < 4)).toBe(true);
    // The 2x2 square lights four pixels of each frame.
    for (let t = 0; t < 24; t++) expect(Array.from(b.frames.data.subarray(t * 64, t * 64 + 64)).reduce((a, v) => a + v, 0)).toBe(4);
  });

  it('labels each frame with the move that brought the square there', async () => {
    const ds = await frames.create({ steps: 10, size: 8, count: 5, turn: 0.5, seed: 4 });
    const b = ds.batch([0, 1, 2, 3, 4]);
    const corner = (i: number, t: number) => {
      // The top-left pixel of the square: the lit pixel whose right and lower neighbours (wrapping) are lit too.
      const f = b.frames.data.subarray((i * 10 + t) * 64, (i * 10 + t + 1) * 64);
      for (let p = 0; p < 64; p++) {
        const x = p % 8;
        const y = Math.floor(p / 8);
        if (f[p] && f[y * 8 + ((x + 1) % 8)] && f[((y + 1) % 8) * 8 + x]) return [x, y];
      }
      throw new Error('no square');
    };
    const moves = { 0: [-1, 0], 1: [1, 0], 2: [0, -1], 3: [0, 1] } as Record<number, number[]>;
    for (let i = 0; i < 5; i++) {
      for (let t = 1; t < 10; t++) {
        const [x0, y0] = corner(i, t - 1);
        const [x1, y1] = corner(i, t);
        const [dx, dy] = moves[b.labels.data[i * 10 + t]];
        expect([(x0 + dx + 8) % 8, (y0 + dy + 8) % 8]).toEqual([x1, y1]);
      }
    }
  });
});
