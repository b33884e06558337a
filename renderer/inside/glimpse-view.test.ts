import { describe, expect, it } from 'vitest';
import { argmax, glimpseFrame, trueClass } from './glimpse-view';

const box = (left: number, top: number, side: number, blur = 1) => ({ left, top, width: side, height: side, xs: [], ys: [], blur, gain: 1 });

describe('glimpse view', () => {
  it('frames the image and every box with its soft edge, and a little room around', () => {
    const frame = glimpseFrame({ image: { shape: [40, 40, 1], values: [] }, boxes: [box(-3, 10, 20, 2), box(5, 5, 10)] });
    // Left reaches the box's edge minus σ (-5), right the image's edge (40); 1.2 px of room on each side.
    expect(frame.x).toBeCloseTo(-6.2, 6);
    expect(frame.y).toBeCloseTo(-1.2, 6);
    expect(frame.width).toBeCloseTo(45 + 2.4, 6);
    expect(frame.height).toBeCloseTo(40 + 2.4, 6);
  });

  it('stops the frame one image past each edge for a glimpse far wider than the image', () => {
    const frame = glimpseFrame({ image: { shape: [10, 20, 1], values: [] }, boxes: [box(-500, -500, 2000)] });
    expect(frame.x).toBeCloseTo(-20 - 0.6, 6);
    expect(frame.width).toBeCloseTo(60 + 1.2, 6);
    expect(frame.height).toBeCloseTo(30 + 1.2, 6);
  });

  it('takes the first of equal largest values as the predicted class', () => {
    expect(argmax([0.1, 0.4, 0.4, 0.1])).toBe(1);
  });

  it('reads the true class from a class id or a one-hot target, and none from anything else', () => {
    const probe = (shape: number[], values: number[]) => ({ targets: [{ nodeId: 'digit', field: 'label', shape, values, tokens: null }] });
    expect(trueClass(probe([], [7]), 'digit', 10)).toBe(7);
    expect(trueClass(probe([3], [0, 0, 1]), 'digit', 3)).toBe(2);
    expect(trueClass(probe([], [12]), 'digit', 10)).toBeNull();
    expect(trueClass(probe([4, 3], new Array(12).fill(0)), 'digit', 3)).toBeNull();
    expect(trueClass(probe([], [1]), 'other', 10)).toBeNull();
  });
});
