import { describe, expect, it } from 'vitest';
import { mnistRows } from './mnist-rows';
import { mnistTranslated } from './mnist-translated';

describe('mnist-translated', () => {
  it('pastes each digit whole at its place on a black canvas, the same for the same seed', async () => {
    const ds = await mnistTranslated.create({ count: 20, canvas: 40, seed: 3 });
    const again = await mnistTranslated.create({ count: 20, canvas: 40, seed: 3 });
    const rows = await mnistRows.create({ count: 20, seed: 3 });
    expect(ds.fields.image.shape).toEqual([40, 40, 1]);
    const idx = Int32Array.from({ length: 20 }, (_, i) => i);
    const b = ds.batch(idx);
    const r = rows.batch(idx);
    expect(Array.from(b.image.data)).toEqual(Array.from(again.batch(idx).image.data));
    const places = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const [x0, y0] = [b.place.data[2 * i], b.place.data[2 * i + 1]];
      places.add(`${x0},${y0}`);
      expect(x0 >= 0 && x0 <= 12 && y0 >= 0 && y0 <= 12).toBe(true);
      // The same draw of digits as mnist-rows (same seed): the 28 × 28 window at the place is that digit, and nothing is outside it.
      expect(b.label.data[i]).toBe(r.label.data[i]);
      let inside = 0;
      let total = 0;
      for (let y = 0; y < 40; y++) {
        for (let x = 0; x < 40; x++) {
          const v = b.image.data[i * 1600 + y * 40 + x];
          total += v;
          if (x >= x0 && x < x0 + 28 && y >= y0 && y < y0 + 28) {
            inside += v;
            expect(v).toBe(r.image.data[i * 784 + (y - y0) * 28 + (x - x0)]);
          }
        }
      }
      expect(total).toBe(inside);
    }
    expect(places.size).toBeGreaterThan(10);
    // Three loads of the mnist package's JSON: slow on a busy machine.
  }, 300_000);
});
