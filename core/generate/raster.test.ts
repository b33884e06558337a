import { describe, expect, it } from 'vitest';
import { rasterise } from './raster';

const ink = (image: Float32Array) => image.reduce((a, b) => a + b, 0);
const at = (image: Float32Array, size: number, x: number, y: number) => image[y * size + x];

describe('rasterise', () => {
  it('draws a vertical line down the middle column, centred, with its aspect kept', () => {
    const image = rasterise([[[5, 0], [5, 10]]], 20, { margin: 2, penWidth: 2 });
    expect(at(image, 20, 10, 10)).toBe(1);
    expect(at(image, 20, 9, 10)).toBe(1);
    // Not stretched sideways to fill the square.
    expect(at(image, 20, 3, 10)).toBe(0);
    expect(at(image, 20, 16, 10)).toBe(0);
    // Fitted to the margin: from row 2 to row 18, nothing above or below.
    expect(at(image, 20, 10, 3)).toBe(1);
    expect(at(image, 20, 10, 0)).toBe(0);
    expect(at(image, 20, 10, 19)).toBe(0);
  });

  it('gives the same image for a drawing at any scale or place', () => {
    const small = rasterise([[[0, 0], [1, 2], [3, 1]], [[0, 3], [2, 3]]], 28);
    const big = rasterise([[[100, 100], [110, 120], [130, 110]], [[100, 130], [120, 130]]], 28);
    expect(Array.from(big)).toEqual(Array.from(small));
    expect(ink(small)).toBeGreaterThan(20);
  });

  it('leaves an empty drawing blank and draws a single point as a dot', () => {
    expect(ink(rasterise([], 28))).toBe(0);
    const dot = rasterise([[[3, 3]]], 28);
    expect(ink(dot)).toBeGreaterThan(0);
    expect(ink(dot)).toBeLessThan(10);
  });
});
