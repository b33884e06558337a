import { describe, expect, it } from 'vitest';
import { MoveBatch, type NodeMove } from './move-batch';

function harness() {
  const applied: NodeMove[][] = [];
  let queued: (() => void) | null = null;
  let cancelled = 0;
  const batch = new MoveBatch(
    (moves) => applied.push(moves),
    (run) => { queued = run; return 1; },
    () => { queued = null; cancelled++; },
  );
  return { batch, applied, frame: () => { const run = queued; queued = null; run?.(); }, cancelled: () => cancelled };
}

describe('MoveBatch', () => {
  it('applies the moves of one frame once, each node at its last position', () => {
    const h = harness();
    h.batch.add({ id: 'a', position: { x: 1, y: 1 } });
    h.batch.add({ id: 'b', position: { x: 5, y: 5 } });
    h.batch.add({ id: 'a', position: { x: 2, y: 3 } });
    expect(h.applied).toEqual([]);
    h.frame();
    expect(h.applied).toEqual([[{ id: 'a', position: { x: 2, y: 3 } }, { id: 'b', position: { x: 5, y: 5 } }]]);
  });

  it('flush applies pending moves at once and cancels the frame, so a drag end comes after them', () => {
    const h = harness();
    h.batch.add({ id: 'a', position: { x: 1, y: 1 } });
    h.batch.flush();
    expect(h.applied).toHaveLength(1);
    expect(h.cancelled()).toBe(1);
    h.frame();
    h.batch.flush();
    expect(h.applied).toHaveLength(1);
  });
});
