import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../../core/compile/fixture';
import type { TrainEvent } from '../../core/train/events';
import type { TrainState } from '../../core/train/state';
import { createTrainingService } from './service';

describe('createTrainingService', () => {
  it('gives the host core events and states, ending with done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seqwire-service-'));
    const graph = makeGraph(
      { history: ['SequenceInput', { timesteps: 4, features: 1 }], rnn: ['GRU', { units: 3 }], next: ['Output', { head: 'linear', units: 1 }] },
      ['history.out -> rnn.in', 'rnn.out -> next.in'],
    );
    graph.training = { dataset: { builtin: 'sine', options: { window: 4, count: 32 } }, bindings: { history: 'history', next: 'next' }, batchSize: 16, epochs: 1 };
    const service = createTrainingService({ inProcess: true });
    const events: TrainEvent[] = [];
    const states: TrainState[] = [];
    const ended = new Promise<void>((resolve) => {
      void service.start(
        { runId: 'r1', dir, graph, baseDir: dir, datasetFile: null, overrides: { backend: 'cpu' } },
        { event: (e) => (events.push(e), (e.type === 'done' || e.type === 'error') && resolve()), state: (s) => states.push(s) },
      );
    });
    await ended;
    await service.dispose();
    await rm(dir, { recursive: true, force: true });
    expect(events.map((e) => e.type)).toEqual(['batch', 'batch', 'epoch', 'done']);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', backend: 'cpu' });
    expect(events.at(-1)).not.toHaveProperty('outDir');
    expect(states.at(-1)).toEqual({ status: 'done', epochs: 1 });
  });
});
