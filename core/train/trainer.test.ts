import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { EpochEvent, TrainEvent } from './events';
import { sumTask, manyToOneGraph } from './fixtures';
import { memoryDataset } from './memory-dataset';
import { resolveTrainOptions, type TrainOptions } from './options';
import { compileSeeded } from './train-graph';
import { Trainer, type TrainHooks } from './trainer';
import type { Checkpoint } from './checkpoint';
import type { Dataset } from '../data/types';

await tf.setBackend('cpu');

const STEPS = 6;
const FEATURES = 3;

function setup(options: Partial<TrainOptions>, dataset: Dataset = sumTask(96, STEPS, FEATURES, 2), cell = 'LSTM') {
  const graph = manyToOneGraph(STEPS, FEATURES, 2, cell);
  const opts = resolveTrainOptions({ batchSize: 16, epochs: 3, seed: 5, optimizer: { type: 'adam', learningRate: 0.02 } }, { gradientFlow: false, ...options });
  return { compiled: compileSeeded(graph, opts.seed), dataset, bindings: graph.training!.bindings!, options: opts, nodeIds: graph.nodes.map((n) => n.id) };
}

async function train(options: Partial<TrainOptions>, hooks: TrainHooks = {}, dataset?: Dataset) {
  const events: TrainEvent[] = [];
  const trainer = new Trainer(setup(options, dataset), { ...hooks, onEvent: (e) => (events.push(e), hooks.onEvent?.(e)) });
  const end = await trainer.run();
  const epochs = events.filter((e): e is EpochEvent => e.type === 'epoch');
  return { end, events, epochs, trainer };
}

describe('Trainer', () => {
  it('lowers the loss of a recurrent model on a learnable task', async () => {
    const { end, epochs } = await train({ epochs: 6 });
    expect(end.type).toBe('done');
    expect(epochs).toHaveLength(6);
    expect(epochs[5].loss).toBeLessThan(epochs[0].loss * 0.8);
    expect(epochs[5].accuracy.label).toBeGreaterThan(0.6);
  });

  it('gives identical losses for the same seed, data and backend', async () => {
    const a = await train({ epochs: 2, validationSplit: 0.25 });
    const b = await train({ epochs: 2, validationSplit: 0.25 });
    expect(a.epochs.map((e) => [e.loss, e.valLoss])).toEqual(b.epochs.map((e) => [e.loss, e.valLoss]));
    const c = await train({ epochs: 2, validationSplit: 0.25, seed: 6 });
    expect(c.epochs[0].loss).not.toBe(a.epochs[0].loss);
  });

  it('reports validation loss and per-output losses when there is a validation split', async () => {
    const { epochs } = await train({ epochs: 1, validationSplit: 0.25 });
    expect(epochs[0].valLoss).toBeGreaterThan(0);
    expect(Object.keys(epochs[0].losses)).toEqual(['label']);
    expect(Object.keys(epochs[0].valLosses ?? {})).toEqual(['label']);
  });

  it('emits one batch event per batch with the loss of each output', async () => {
    const { events } = await train({ epochs: 1, batchSize: 32 });
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches).toHaveLength(3);
    for (const b of batches) if (b.type === 'batch') expect(b.losses.label).toBeCloseTo(b.loss, 5);
  });

  it('keeps the number of live tensors the same after epoch 1 and after the last epoch', async () => {
    const counts: number[] = [];
    await train({ epochs: 4, validationSplit: 0.25, gradientFlow: true, clipNorm: 0.5 }, {
      onEvent: (e) => {
        if (e.type === 'epoch') counts.push(tf.memory().numTensors);
      },
      onCheckpoint: () => undefined,
    });
    expect(counts).toHaveLength(4);
    expect(counts[3]).toBe(counts[0]);
  });

  it('clips the global gradient norm to clipNorm and reports it before and after', async () => {
    const { epochs } = await train({ epochs: 1, clipNorm: 1e-3 });
    expect(epochs[0].gradNorm.before).toBeGreaterThan(1e-3);
    expect(epochs[0].gradNorm.after).toBeCloseTo(1e-3, 8);
  });

  it('stops on a NaN loss with a message naming the epoch and the batch and suggesting clipNorm', async () => {
    const x = new Float32Array(64 * STEPS * FEATURES).fill(1);
    x[40 * STEPS * FEATURES] = Number.NaN;
    const poisoned = memoryDataset('poisoned', { x: { shape: [64, STEPS, FEATURES], dtype: 'float32', data: x }, label: { shape: [64], dtype: 'int32', data: new Int32Array(64) } });
    const { end, trainer } = await train({ epochs: 2, shuffle: false }, {}, poisoned);
    expect(end.type).toBe('error');
    if (end.type !== 'error') return;
    expect(end.message).toMatch(/NaN at epoch 1, batch 3/);
    expect(end.message).toMatch(/clipNorm/);
    expect(end.message).toMatch(/learning rate/);
    expect(trainer.state.status).toBe('failed');
  });

  it('says which node has no binding instead of throwing', async () => {
    const s = setup({});
    const end = await new Trainer({ ...s, bindings: { x: 'x' } }).run();
    expect(end).toMatchObject({ type: 'error', message: expect.stringContaining('node "label" is not bound') });
  });

  it('pauses between batches, resumes, and cancels within one batch', async () => {
    const seen: string[] = [];
    const run: Trainer = new Trainer(setup({ epochs: 3 }), {
      onEvent: (e) => {
        if (e.type === 'batch') {
          seen.push(`${e.epoch}.${e.batch}`);
          if (e.epoch === 1 && e.batch === 2) {
            run.pause();
            setTimeout(() => {
              seen.push('resume');
              run.resume();
            }, 30);
          }
          if (e.epoch === 2 && e.batch === 1) run.cancel();
        }
      },
    });
    const end = await run.run();
    // Nothing trains while paused; the cancel lands before the next batch.
    expect(seen).toEqual(['1.1', '1.2', 'resume', '1.3', '1.4', '1.5', '1.6', '2.1']);
    expect(end).toMatchObject({ type: 'done', reason: 'cancelled', epochs: 1 });
    expect(run.state).toEqual({ status: 'stopped', epoch: 1 });
  });

  it('steps one batch at a time, or to the end of an epoch, pausing after each step', async () => {
    const seen: string[] = [];
    const run: Trainer = new Trainer(setup({ epochs: 2 }), {
      onEvent: (e) => e.type === 'batch' && void seen.push(`${e.epoch}.${e.batch}`),
      onState: (s) => {
        if (s.status !== 'paused') return;
        seen.push('paused');
        // Each pause is answered by the next step: one batch twice, then the rest of the epoch, then cancel.
        const pauses = seen.filter((x) => x === 'paused').length;
        setTimeout(() => (pauses <= 2 ? run.step('batch') : pauses === 3 ? run.step('epoch') : run.cancel()), 5);
      },
    });
    run.step('batch');
    const end = await run.run();
    expect(seen).toEqual(['1.1', 'paused', '1.2', 'paused', '1.3', 'paused', '1.4', '1.5', '1.6', 'paused']);
    expect(end).toMatchObject({ type: 'done', reason: 'cancelled', epochs: 1 });
  });

  it('resumes from a checkpoint exactly where the uninterrupted run would be', async () => {
    const checkpoints: Checkpoint[] = [];
    const full = await train({ epochs: 3, validationSplit: 0.25 }, { onCheckpoint: (cp) => void checkpoints.push(cp) });
    expect(checkpoints.map((c) => c.epoch)).toEqual([1, 2, 3]);
    const events: EpochEvent[] = [];
    const t = new Trainer({ ...setup({ epochs: 3, validationSplit: 0.25 }), resumeFrom: checkpoints[0] }, { onEvent: (e) => e.type === 'epoch' && void events.push(e) });
    await t.run();
    expect(events.map((e) => e.epoch)).toEqual([2, 3]);
    expect(events[0].loss).toBeCloseTo(full.epochs[1].loss, 5);
    expect(events[1].valLoss).toBeCloseTo(full.epochs[2].valLoss!, 5);
  });

  it('resumes after a cancel inside an epoch to weights bit-identical to an uninterrupted run, wherever the cancel lands', async () => {
    const opts = { epochs: 3, validationSplit: 0.25, dropout: 0 };
    const fullSetup = setup(opts);
    const fullEnd = await new Trainer(fullSetup).run();
    const reference = fullSetup.compiled.model.getWeights().map((w) => Array.from(w.dataSync()));
    expect(fullEnd.type).toBe('done');
    // 72 training samples in batches of 16: 5 batches an epoch; cancel before batch 2 of epoch 1, 4 of epoch 2, 1 of epoch 3.
    for (const [epoch, batch] of [[1, 2], [2, 4], [3, 1]]) {
      let cp: Checkpoint | null = null;
      const first: Trainer = new Trainer(setup(opts), {
        onEvent: (e) => e.type === 'batch' && e.epoch === epoch && e.batch === batch - 1 && first.cancel(),
        onCheckpoint: (c) => void (cp = c),
      });
      if (batch === 1) {
        // Cancel before the first batch of `epoch`: just after the previous epoch's last batch.
        const t: Trainer = new Trainer(setup(opts), { onEvent: (e) => e.type === 'epoch' && e.epoch === epoch - 1 && t.cancel(), onCheckpoint: (c) => void (cp = c) });
        await t.run();
      } else await first.run();
      const saved = cp as Checkpoint | null;
      expect(saved).not.toBeNull();
      expect(saved!.epoch).toBe(epoch - 1);
      expect(saved!.partial?.batches ?? 0).toBe(batch - 1);
      const resumed = setup(opts);
      const epochs: EpochEvent[] = [];
      await new Trainer({ ...resumed, resumeFrom: saved! }, { onEvent: (e) => e.type === 'epoch' && void epochs.push(e) }).run();
      expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 3 - epoch + 1 }, (_, i) => epoch + i));
      const weights = resumed.compiled.model.getWeights().map((w) => Array.from(w.dataSync()));
      expect(weights).toEqual(reference);
    }
  });

  it('ends a run whose loss grows a millionfold without becoming NaN as diverged, with the same advice as NaN and the weights of the batch before', async () => {
    // Plain SGD with a learning rate of 5 on a regression overshoots further at every step: the loss grows
    // 1.2 -> 95 -> 8e4 -> 2e8, finite all the way.
    const n = 64;
    const x = new Float32Array(n * STEPS * FEATURES).fill(0.5);
    const y = new Float32Array(n).fill(1);
    const data = memoryDataset('ones', { x: { shape: [n, STEPS, FEATURES], dtype: 'float32', data: x }, y: { shape: [n, 1], dtype: 'float32', data: y } });
    const graph = manyToOneGraph(STEPS, FEATURES, 2);
    graph.nodes = graph.nodes.map((node) => (node.id === 'label' ? { ...node, params: { head: 'linear', units: 1 } } : node));
    const opts = resolveTrainOptions({ batchSize: 16, epochs: 20, seed: 5, validationSplit: 0, optimizer: { type: 'sgd', learningRate: 5 } }, { gradientFlow: false });
    const compiled = compileSeeded(graph, opts.seed);
    const checkpoints: Checkpoint[] = [];
    const end = await new Trainer({ compiled, dataset: data, bindings: { x: 'x', label: 'y' }, options: opts }, { onCheckpoint: (c) => void checkpoints.push(c) }).run();
    expect(end).toMatchObject({ type: 'error', kind: 'diverged', epoch: 1, batch: 4 });
    if (end.type !== 'error') return;
    expect(end.message).toMatch(/diverged/);
    expect(end.message).toMatch(/clipNorm/);
    expect(end.message).toMatch(/kept from the batch before/);
    expect(checkpoints.at(-1)).toMatchObject({ epoch: 0, partial: { batches: 3 } });
  });
});
