import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { inferNode, issuesOf } from './node-test-kit';
import { MaxPool2D } from './max-pool2d';

describe('MaxPool2D', () => {
  it('divides height and width by poolSize, rounding down', () => {
    expect(inferNode(MaxPool2D, {}, { in: [float(28, 27, 4)] })).toEqual({ ok: true, outputs: { out: float(14, 13, 4) } });
    expect(inferNode(MaxPool2D, { poolSize: 3 }, { in: [float(9, 9, 1)] })).toEqual({ ok: true, outputs: { out: float(3, 3, 1) } });
  });

  it('refuses a vector, and a pool larger than the image', () => {
    expect(issuesOf(inferNode(MaxPool2D, {}, { in: [float(9)] }))).toMatchObject([{ code: 'shape-mismatch', port: 'in' }]);
    expect(issuesOf(inferNode(MaxPool2D, { poolSize: 4 }, { in: [float(3, 8, 1)] }))[0].message).toContain('does not fit');
  });
});
