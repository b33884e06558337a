import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeGraph } from '../../core/compile/fixture';
import type { Graph } from '../../core/graph/schema';
import { defaultWorkerPath, TrainingController } from './controller';
import { parseFromWorker, parseToWorker, type TrainJob } from './messages';

/** `units` sets how long a batch takes: the cancel test needs batches slower than a message between threads. */
function sineGraph(epochs = 2, units = 6): Graph {
  const g = makeGraph(
    { history: ['SequenceInput', { timesteps: 8, features: 1 }], rnn: ['SimpleRNN', { units }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  g.training = {
    dataset: { builtin: 'sine', options: { window: 8, count: 96 } },
    bindings: { history: 'history', next: 'next' },
    optimizer: { type: 'adam', learningRate: 0.01 },
    batchSize: 16, epochs, validationSplit: 0.25, seed: 3,
  };
  return g;
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'seqwire-train-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const job = (outDir: string, extra: Partial<TrainJob> = {}): TrainJob => ({ graph: sineGraph(), baseDir: outDir, outDir, backend: 'cpu', ...extra });

describe('TrainingController in a worker thread', () => {
  it('trains, reports events, and writes a run folder whose model.json loads in plain tfjs', async () => {
    const out = await tempDir();
    const controller = new TrainingController();
    const seen: string[] = [];
    controller.on('started', (e) => seen.push(`started ${e.backend}`));
    controller.on('progress', () => seen.at(-1) !== 'progress' && seen.push('progress'));
    controller.on('epoch', (e) => seen.push(`epoch ${e.epoch}`));
    controller.on('checkpoint', (e) => seen.push(`checkpoint ${e.epoch}`));
    const end = await controller.start(job(out));
    await controller.dispose();
    expect(end).toMatchObject({ type: 'done', reason: 'completed', epochs: 2, backend: 'cpu', outDir: out });
    expect(seen).toEqual(['started cpu', 'progress', 'epoch 1', 'checkpoint 1', 'progress', 'epoch 2', 'checkpoint 2']);
    expect(controller.state).toEqual({ status: 'done', epochs: 2 });

    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'metrics.jsonl', 'graph.seqwire.json', 'checkpoints']));
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.epoch)).toEqual([1, 2]);
    expect(lines[1]).toMatchObject({ loss: expect.any(Number), valLoss: expect.any(Number), metrics: expect.any(Object) });

    // Plain tfjs, no Seqwire code: the two files, read from disk, through tf.io.fromMemory.
    const modelJson = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    const weights = await readFile(join(out, 'weights.bin'));
    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }));
    const y = model.predict(tf.zeros([1, 8, 1])) as tf.Tensor;
    expect(y.shape).toEqual([1, 1]);
    expect(Number.isFinite(y.dataSync()[0])).toBe(true);
  });

  it('cancels within one batch, keeps a checkpoint, and a resumed run finishes the epochs', async () => {
    const out = await tempDir();
    const controller = new TrainingController();
    const stopCancelling = controller.on('progress', (e) => {
      if (e.epoch === 2 && e.batch === 1) controller.cancel();
    });
    const batchesAfterCancel: number[] = [];
    let cancelledAt: number | null = null;
    controller.on('progress', (e) => {
      if (cancelledAt !== null) batchesAfterCancel.push(e.batch);
      if (e.epoch === 2 && e.batch === 1) cancelledAt = e.batch;
    });
    // Batches of some milliseconds (a whole step of 6 units takes a tenth of one, so several would pass while the cancel is on its way).
    const end = await controller.start(job(out, { graph: sineGraph(4, 256) }));
    expect(end).toMatchObject({ type: 'done', reason: 'cancelled', epochs: 1 });
    // The cancel was sent after batch 1 of epoch 2 arrived; the worker may have begun one more batch.
    expect(batchesAfterCancel.length).toBeLessThanOrEqual(1);
    expect(controller.state).toEqual({ status: 'stopped', epoch: 1 });
    stopCancelling();

    const epochs: number[] = [];
    controller.on('epoch', (e) => epochs.push(e.epoch));
    let resumedFrom: number | null = null;
    controller.on('started', (e) => (resumedFrom = e.resumedFromEpoch));
    const again = await controller.start(job(out, { graph: sineGraph(4, 256), resumeFrom: out }));
    await controller.dispose();
    expect(again).toMatchObject({ type: 'done', reason: 'completed', epochs: 4 });
    expect(resumedFrom).toBe(1);
    expect(epochs).toEqual([2, 3, 4]);
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).epoch);
    expect(lines).toEqual([1, 2, 3, 4]);
  });

  it('ends with a readable error when the dataset cannot be made', async () => {
    const out = await tempDir();
    const controller = new TrainingController();
    const graph = sineGraph();
    graph.training!.dataset = { builtin: 'no-such-data' };
    const end = await controller.start(job(out, { graph }));
    await controller.dispose();
    expect(end.type).toBe('error');
    if (end.type === 'error') {
      expect(end.message).toMatch(/no built-in dataset "no-such-data"/);
      expect(end.message).not.toMatch(/\n\s+at /);
    }
    expect(controller.state.status).toBe('failed');
  });

  it('answers an unknown message with an error and throws in the worker', async () => {
    const worker = new Worker(defaultWorkerPath());
    const messages: unknown[] = [];
    const failed = new Promise<Error>((resolve) => worker.on('error', resolve));
    worker.on('message', (m) => messages.push(m));
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    worker.postMessage({ type: 'explode' });
    const err = await failed;
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(err.message).toMatch(/unknown or malformed message \(type "explode"\)/);
    expect(messages.map((m) => parseFromWorker(m).type)).toEqual(['ready', 'error']);
    await worker.terminate();
  });
});

describe('TrainingController in process', () => {
  it('thins progress messages of a fast model but always sends the first and last batch of each epoch', async () => {
    const out = await tempDir();
    const graph = sineGraph(2);
    graph.training = { ...graph.training, batchSize: 2, validationSplit: 0 };
    const controller = new TrainingController({ inProcess: true });
    const batches: string[] = [];
    controller.on('progress', (e) => batches.push(`${e.epoch}.${e.batch}/${e.batches}`));
    const end = await controller.start(job(out, { graph }));
    expect(end.type).toBe('done');
    expect(batches).toEqual(expect.arrayContaining(['1.1/48', '1.48/48', '2.1/48', '2.48/48']));
    expect(batches.length).toBeLessThan(96);
  });
});

describe('messages', () => {
  it('throws on a message that is not in the union', () => {
    expect(() => parseToWorker({ type: 'start' })).toThrow(/malformed/);
    expect(() => parseFromWorker({ type: 'progress', epoch: 1 })).toThrow(/malformed/);
    expect(parseToWorker({ type: 'pause' })).toEqual({ type: 'pause' });
  });
});
