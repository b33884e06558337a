import { describe, expect, it } from 'vitest';
import { GROUP_PREFIX, NOTE_PREFIX } from './Annotations';
import { moveEdit } from './use-node-changes';

describe('moves on the canvas as one edit', () => {
  it('keeps node moves as they are when only nodes moved', () => {
    expect(moveEdit([{ id: 'lstm', position: { x: 10, y: 20 } }])).toEqual({ kind: 'move', moves: [{ id: 'lstm', position: { x: 10, y: 20 } }] });
  });

  it('sorts notes and groups out of the nodes by their prefixed flow ids, without the prefix', () => {
    const edit = moveEdit([
      { id: 'lstm', position: { x: 1, y: 2 } },
      { id: `${NOTE_PREFIX}n1`, position: { x: 3, y: 4 } },
      { id: `${GROUP_PREFIX}g1`, position: { x: 5, y: 6 } },
    ]);
    expect(edit).toEqual({
      kind: 'move',
      moves: [{ id: 'lstm', position: { x: 1, y: 2 } }],
      notes: [{ id: 'n1', position: { x: 3, y: 4 } }],
      groups: [{ id: 'g1', position: { x: 5, y: 6 } }],
    });
  });
});
