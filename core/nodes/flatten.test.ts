import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { inferNode, issuesOf } from './node-test-kit';
import { Flatten } from './flatten';

describe('Flatten', () => {
  it('multiplies every axis into one', () => {
    expect(inferNode(Flatten, {}, { in: [float(7, 7, 8)] })).toEqual({ ok: true, outputs: { out: float(392) } });
    expect(inferNode(Flatten, {}, { in: [float(5, 3)] })).toEqual({ ok: true, outputs: { out: float(15) } });
    expect(inferNode(Flatten, {}, { in: [{ shape: [2, 3], dtype: 'int32' }] })).toEqual({ ok: true, outputs: { out: int(6) } });
  });

  it('refuses an unknown T and an input that is already flat', () => {
    expect(issuesOf(inferNode(Flatten, {}, { in: [float(null, 3)] }))[0].message).toContain('needs every size known');
    expect(issuesOf(inferNode(Flatten, {}, { in: [float(3)] }))[0].message).toContain('already flat');
  });
});
