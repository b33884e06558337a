import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mnistRows } from './mnist-rows';

// As the Node host reads package JSON: a bundler's import of 20 MB of JSON takes ~20 s.
const req = createRequire(import.meta.url);
const host = { importJson: async (s: string) => JSON.parse(readFileSync(req.resolve(s), 'utf8')) as unknown };

describe('mnist-rows', () => {
  it('gives rows [28, 28], image [28, 28, 1], label and labelOneHot [10] for count images', async () => {
    const ds = await mnistRows.create({ count: 300, seed: 1 }, host);
    expect(ds.size).toBe(300);
    expect(ds.fields.rows.shape).toEqual([28, 28]);
    expect(ds.fields.image.shape).toEqual([28, 28, 1]);
    expect(ds.fields.label).toMatchObject({ shape: [], dtype: 'int32' });
    const b = ds.batch([0, 1, 2]);
    expect(Array.from(b.rows.data)).toEqual(Array.from(b.image.data));
    for (let i = 0; i < 3; i++) {
      const hot = Array.from(b.labelOneHot.data.subarray(i * 10, i * 10 + 10));
      expect(hot.indexOf(1)).toBe(b.label.data[i]);
      expect(hot.reduce((a, v) => a + v, 0)).toBe(1);
    }
    const pixels = b.rows.data;
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(pixels.some((v) => v > 0.5)).toBe(true);
    // A seeded draw from all ten digits: 300 images hold every digit.
    const labels = new Set(ds.batch(Array.from({ length: 300 }, (_, i) => i), ['label']).label.data);
    expect(labels.size).toBe(10);
  });
});
