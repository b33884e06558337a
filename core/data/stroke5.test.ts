import { describe, expect, it } from 'vitest';
import { drawingToStroke5, StrokeStore, strokeBatch, strokeFields } from './stroke5';
import { strokesToPolylines } from '../generate/strokes';

const square: [number, number][][] = [
  [[0, 0], [2, 0], [2, 2]],
  [[0, 2], [0, 0]],
];

describe('StrokeStore', () => {
  it('turns polylines into steps from the first point, pen up at each stroke end', () => {
    const store = new StrokeStore();
    store.add(square);
    expect(store.stroke5(0)).toEqual([
      [0, 0, 1, 0, 0],
      [2, 0, 1, 0, 0],
      [0, 2, 0, 1, 0],
      [-2, 0, 1, 0, 0],
      [0, -2, 0, 1, 0],
    ]);
  });

  it('scales dx and dy to unit standard deviation over the set', () => {
    const store = new StrokeStore();
    store.add(square);
    store.add([[[0, 0], [10, 5]]]);
    const scale = store.normalise();
    const values = [0, 1].flatMap((i) => store.stroke5(i).flatMap((r) => [r[0], r[1]]));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(std).toBeCloseTo(1, 5);
    expect(scale).toBeGreaterThan(1);
  });

  it('gives strokesOut padded with end steps and strokesIn shifted behind a start step', () => {
    const store = new StrokeStore();
    store.add(square);
    const fields = strokeFields(7, 1);
    const b = strokeBatch(store, fields, ['strokesIn', 'strokesOut'], [0], 7);
    const rows = (d: Float32Array | Int32Array) => Array.from({ length: 7 }, (_, t) => Array.from(d.subarray(t * 5, t * 5 + 5)));
    const out = rows(b.strokesOut.data);
    const inp = rows(b.strokesIn.data);
    expect(out[5]).toEqual([0, 0, 0, 0, 1]);
    expect(out[6]).toEqual([0, 0, 0, 0, 1]);
    expect(inp[0]).toEqual([0, 0, 1, 0, 0]);
    for (let t = 1; t < 7; t++) expect(inp[t]).toEqual(out[t - 1]);
  });

  it('round-trips through the stroke decoder of core/generate', () => {
    const store = new StrokeStore();
    store.add(square);
    expect(strokesToPolylines(store.stroke5(0))).toEqual(square);
  });
});

describe('a drawing made into stroke-5 (a primer)', () => {
  it('starts with a (0, 0) pen-down step, as the dataset drawings do, and ends each line with a pen lift', () => {
    const steps = drawingToStroke5([[[0, 0], [10, 0], [20, 0]]]);
    expect(steps).toHaveLength(3);
    expect(steps[0]).toEqual([0, 0, 1, 0, 0]);
    expect(steps.map((s) => s.slice(2))).toEqual([[1, 0, 0], [1, 0, 0], [0, 1, 0]]);
  });

  it('makes the jump between two lines a step of its own, and scales offsets to unit spread as the datasets do', () => {
    const lines: [number, number][][] = [[[0, 0], [4, 0]], [[4, 4], [8, 4]]];
    const steps = drawingToStroke5(lines);
    expect(steps).toHaveLength(4);
    const store = new StrokeStore();
    store.add(lines);
    store.normalise();
    expect(steps).toEqual(store.stroke5(0));
    const values = steps.flatMap((s) => [s[0], s[1]]);
    const mean = values.reduce((a, b) => a + b) / values.length;
    expect(Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)).toBeCloseTo(1);
  });

  it('gives no steps for no lines', () => {
    expect(drawingToStroke5([])).toEqual([]);
  });
});
