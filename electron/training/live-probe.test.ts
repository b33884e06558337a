import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeGraph } from '../../core/compile/fixture';
import type { Graph } from '../../core/graph/schema';
import type { ProbeRunResult } from '../../core/api/probe';
import { TrainingController } from './controller';

function sineGraph(): Graph {
  const g = makeGraph(
    { history: ['SequenceInput', { timesteps: 8, features: 1 }], rnn: ['LSTM', { units: 6 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  g.training = {
    dataset: { builtin: 'sine', options: { window: 8, count: 96 } },
    bindings: { history: 'history', next: 'next' },
    optimizer: { type: 'adam', learningRate: 0.05 },
    batchSize: 16, epochs: 2, validationSplit: 0.25, seed: 3,
  };
  return g;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('step-by-step training with a live probe', () => {
  it('pauses after one batch, shows the watched sample inside at every pause, and a step changes what it shows', async () => {
    const out = await mkdtemp(join(tmpdir(), 'seqwire-step-'));
    dirs.push(out);
    const controller = new TrainingController({ inProcess: true });
    const probes: ProbeRunResult[] = [];
    // Where each pause landed (progress messages are thinned, so the paused states tell).
    const pausedAt: string[] = [];
    let pauses = 0;
    controller.on('probe', (m) => {
      expect(m.error).toBeUndefined();
      probes.push(m.probe!);
    });
    controller.on('state', (s) => {
      if (s.status !== 'paused') return;
      pausedAt.push(`${s.epoch}.${s.batch}`);
      pauses++;
      // Two single batches, then cancel.
      setTimeout(() => (pauses < 2 ? controller.step('batch') : controller.cancel()), 20);
    });
    const end = await controller.start({ graph: sineGraph(), baseDir: out, outDir: out, backend: 'cpu', step: 'batch', probeSample: 2 });
    expect(end).toMatchObject({ type: 'done', reason: 'cancelled' });
    expect(pausedAt).toEqual(['1.1', '1.2']);
    // One probe after each batch (the adaptive interval starts at every batch) and one at each pause.
    expect(probes.length).toBeGreaterThanOrEqual(2);
    const first = probes[0];
    const last = probes.at(-1)!;
    expect(first.sample).toBe(2);
    expect(first.cells[0].nodeId).toBe('rnn');
    // The second batch changed the weights, so the states of the same sample differ.
    const diff = Math.max(...first.cells[0].h.flat().map((v, i) => Math.abs(v - last.cells[0].h.flat()[i])));
    expect(diff).toBeGreaterThan(1e-6);
  });
});
