import { describe, expect, it } from 'vitest';
import { limitProbe } from './limit';
import type { SampleProbe } from './sample';

const rows = (t: number, u: number) => Array.from({ length: t }, (_, i) => Array.from({ length: u }, (_, j) => i * u + j));

function probeOf(t: number, u: number): SampleProbe {
  return {
    split: 'validation', sample: 0, datasetIndex: 4, splitSize: 10, inputs: [], targets: [], notes: [], glimpses: [],
    wires: [{ wire: 'rnn.out', nodeId: 'rnn', port: 'out', shape: [t, u], values: rows(t, u).flat() }],
    cells: [{ nodeId: 'rnn', layer: 'rnn', cell: 'LSTM', direction: 'forward', steps: t, units: u, h: rows(t, u), c: rows(t, u), gates: { i: rows(t, u) } }],
    attention: [],
  };
}

describe('limitProbe', () => {
  it('keeps a probe within the limits as it is, with no note', () => {
    const p = probeOf(10, 4);
    expect(limitProbe(p, { steps: 100, values: 1000 })).toEqual(p);
  });

  it('cuts long sequences to their first steps, in every matrix alike, and says so', () => {
    const cut = limitProbe(probeOf(300, 4), { steps: 100, values: 1000 });
    expect(cut.wires[0].shape).toEqual([100, 4]);
    expect(cut.wires[0].values).toHaveLength(400);
    expect(cut.cells[0].steps).toBe(100);
    expect(cut.cells[0].h).toHaveLength(100);
    expect(cut.cells[0].c).toHaveLength(100);
    expect(cut.cells[0].gates.i).toHaveLength(100);
    expect(cut.notes).toContain('wire rnn.out: the first 100 of 300 steps are shown');
  });

  it('cuts wide layers by steps so one matrix stays under the value limit', () => {
    const cut = limitProbe(probeOf(50, 64), { steps: 100, values: 1024 });
    expect(cut.cells[0].steps).toBe(16);
  });
});
