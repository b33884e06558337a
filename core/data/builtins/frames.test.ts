import { describe, expect, it } from 'vitest';
import { frames, DIRECTIONS, mostMoved } from './frames';

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

describe('frames: a label per clip', () => {
  it('names the direction of most frames; a tie goes to the one that got there first', () => {
    expect(mostMoved([0, 0, 0, 1, 1, 1, 1])).toBe(1);
    // left and up both reach 3; left got there first.
    expect(mostMoved([2, 0, 0, 0, 2, 2])).toBe(0);
    expect(mostMoved([3])).toBe(3);
  });

  it('gives every clip the direction it moved in most, and every direction is some clip\'s label', async () => {
    const ds = await frames.create({ steps: 16, size: 8, count: 400, turn: 0.25, seed: 3 });
    expect(ds.fields.clipLabel.shape).toEqual([]);
    expect(ds.fields.clipLabel.vocab!.tokens).toEqual([...DIRECTIONS]);
    const b = ds.batch(Array.from({ length: 400 }, (_, i) => i), ['labels', 'clipLabel']);
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) {
      const steps = Array.from(b.labels.data.subarray(i * 16, (i + 1) * 16));
      const label = b.clipLabel.data[i];
      seen.add(label);
      const count = (d: number) => steps.filter((s) => s === d).length;
      for (let d = 0; d < 4; d++) expect(count(label)).toBeGreaterThanOrEqual(count(d));
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('leaves the frames and per-frame labels as they were: a clip label draws nothing from the generator', async () => {
    const ds = await frames.create({ steps: 10, size: 8, count: 3, turn: 0.5, seed: 4 });
    const b = ds.batch([0, 1, 2], ['labels']);
    // Recorded before the clip label was added.
    expect(Array.from(b.labels.data)).toEqual([0, 0, 0, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3]);
  });
});
