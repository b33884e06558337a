import { describe, expect, it } from 'vitest';
import { captions } from './captions';
import { decode } from '../vocab';

describe('captions', () => {
  it('gives image [size, size, 1], captionIn opening with <start> and caption closing with <end>', async () => {
    const ds = await captions.create({ size: 16, count: 40, seed: 1 });
    expect(ds.fields.image.shape).toEqual([16, 16, 1]);
    expect(ds.fields.captionIn.shape).toEqual([5]);
    expect(ds.fields.caption.shape).toEqual([5]);
    const b = ds.batch([0, 1]);
    expect(b.captionIn.data[0]).toBe(1);
    expect(b.caption.data[4]).toBe(2);
    expect(Array.from(b.captionIn.data.subarray(1, 5))).toEqual(Array.from(b.caption.data.subarray(0, 4)));
    expect(decode(ds.fields.caption.vocab!, b.caption.data.subarray(0, 5))).toMatch(/^(small|big) (circle|square|triangle|cross) (top|bottom) (left|right)$/);
  });

  it('draws the shape in the quadrant its caption names', async () => {
    const ds = await captions.create({ size: 16, count: 50, seed: 2 });
    const b = ds.batch(Array.from({ length: 50 }, (_, i) => i));
    for (let i = 0; i < 50; i++) {
      const words = decode(ds.fields.caption.vocab!, b.caption.data.subarray(i * 5, i * 5 + 5)).split(' ');
      const img = b.image.data.subarray(i * 256, (i + 1) * 256);
      let sx = 0;
      let sy = 0;
      let n = 0;
      img.forEach((v, p) => {
        if (v) {
          sx += p % 16;
          sy += Math.floor(p / 16);
          n++;
        }
      });
      expect(n).toBeGreaterThan(0);
      expect(sy / n < 8 ? 'top' : 'bottom').toBe(words[2]);
      expect(sx / n < 8 ? 'left' : 'right').toBe(words[3]);
    }
  });

  it('fits the one-to-many template: at most 16 word ids', async () => {
    const ds = await captions.create({ size: 16, count: 1, seed: 1 });
    expect(ds.fields.caption.vocab!.tokens.length).toBeLessThanOrEqual(16);
  });
});
