import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { pointOnWire } from './ShapeEdge';

describe('wire label points', () => {
  it('half way along is where React Flow puts the middle of its bezier, forwards and backwards', () => {
    for (const [sx, sy, tx, ty] of [[0, 0, 300, 120], [400, 50, 100, 300]]) {
      const [, lx, ly] = getBezierPath({ sourceX: sx, sourceY: sy, targetX: tx, targetY: ty, sourcePosition: Position.Right, targetPosition: Position.Left });
      const [x, y] = pointOnWire(sx, sy, tx, ty, 0.5);
      expect(x).toBeCloseTo(lx, 5);
      expect(y).toBeCloseTo(ly, 5);
    }
  });

  it('two side-by-side wires into h0 and c0 get labels a label-width apart', () => {
    const [x0] = pointOnWire(0, 0, 200, 80, 0.3);
    const [x1] = pointOnWire(0, 22, 200, 102, 0.7);
    expect(x1 - x0).toBeGreaterThan(60);
  });
});
