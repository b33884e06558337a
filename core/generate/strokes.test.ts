import { describe, expect, it } from 'vitest';
import { renderSvgSheet, strokesToPolylines } from './strokes';

describe('stroke-5 to polylines', () => {
  it('accumulates offsets, breaks lines at pen up and stops at the end step', () => {
    const lines = strokesToPolylines([
      [1, 0, 1, 0, 0],
      [1, 1, 0, 1, 0],
      [0, 2, 1, 0, 0],
      [2, 0, 0, 1, 0],
      [9, 9, 0, 0, 1],
      [5, 5, 1, 0, 0],
    ]);
    expect(lines).toEqual([
      [[1, 0], [2, 1]],
      [[2, 3], [4, 3]],
    ]);
  });

  it('keeps an unfinished last line', () => {
    expect(strokesToPolylines([[1, 1, 1, 0, 0], [1, 1, 1, 0, 0]])).toEqual([[[1, 1], [2, 2]]]);
  });
});

describe('SVG sheet', () => {
  it('draws one path per line, every drawing inside its own cell', () => {
    const svg = renderSvgSheet(
      [
        [[[0, 0], [10, 10]], [[0, 10], [10, 0]]],
        [[[100, 100], [300, 100]]],
        [],
      ],
      { cell: 100, captions: ['a', 'b', '<c>'] },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg).toContain('width="200"');
    expect(svg).toContain('&lt;c&gt;');
    const coords = [...svg.matchAll(/d="M([^"]+)"/g)].flatMap((m) => m[1].split(/[ L]/).map(Number));
    expect(coords.every((v) => v >= 0 && v <= 100)).toBe(true);
  });
});
