import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../core/data/load';
import { splitDataset } from '../../core/data/split';
import type { Dataset } from '../../core/data/types';
import { parseGraphText } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { toNested } from '../../core/run/data';
import { generateFromRun } from '../../core/run/generate';
import type { LoadedRun } from '../../core/run/load';
import { predictFromRun } from '../../core/run/predict';
import type { EpochEvent } from '../../core/train/events';
import { resolveTrainOptions, type TrainOptions } from '../../core/train/options';
import { compileSeeded } from '../../core/train/train-graph';
import { Trainer } from '../../core/train/trainer';
import { selectBackend } from '../backend/select';
import { nodeDataHost } from '../data/node-data-host';

const dir = join(__dirname, '../../assets/templates');

function template(file: string): Graph {
  const loaded = parseGraphText(readFileSync(join(dir, file), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.graph;
}

/** Trains a template on its own data (options and settings overridden where a test must stay short) with its fixed seed; the trained run, in memory. */
async function train(file: string, dataOptions: Record<string, unknown>, overrides: Partial<TrainOptions>): Promise<{ run: LoadedRun; dataset: Dataset; epochs: EpochEvent[] }> {
  await selectBackend('wasm');
  const graph = template(file);
  const training = graph.training!;
  graph.training = { ...training, dataset: { ...training.dataset!, options: { ...training.dataset!.options, ...dataOptions } } as typeof training.dataset };
  const data = await loadDataset(graph.training.dataset!, nodeDataHost(dir));
  if (!data.ok) throw new Error(data.issue.message);
  const options = resolveTrainOptions(graph.training, { gradientFlow: false, ...overrides });
  // What generate and preview read of the run's settings: the ones it trained with.
  graph.training = { ...graph.training, validationSplit: options.validationSplit, seed: options.seed };
  const compiled = compileSeeded(graph, options.seed);
  const epochs: EpochEvent[] = [];
  const end = await new Trainer({ compiled, dataset: data.dataset, bindings: training.bindings!, options }, { onEvent: (e) => e.type === 'epoch' && void epochs.push(e) }).run();
  expect(end.type === 'error' ? end.message : end.type).toBe('done');
  const run: LoadedRun = { where: file, graph, compiled, data: async () => ({ dataset: data.dataset, note: null }) };
  return { run, dataset: data.dataset, epochs };
}

/** Share of the validation clips whose label at `step` the model gets right. */
async function stepAccuracy(run: LoadedRun, dataset: Dataset, steps: number[]): Promise<number[]> {
  const { validation } = splitDataset(dataset, 0.1, 1);
  const batch = dataset.batch(Array.from(validation), ['frames', 'labels']);
  const out = await predictFromRun(run, { frames: toNested(batch.frames) });
  const probs = out.labels as number[][][];
  const T = batch.labels.shape[1];
  return steps.map((t) => {
    let right = 0;
    probs.forEach((clip, i) => {
      const p = clip[t];
      if (p.indexOf(Math.max(...p)) === batch.labels.data[i * T + t]) right++;
    });
    return right / probs.length;
  });
}

/** The templates' claims about their outputs, checked by training each briefly with its fixed seed. */
describe('templates whose outputs a student can check', () => {
  it('video: a GRU that watched whole clips names the direction they moved in most, on held-out clips, far above chance (25%)', async () => {
    const { epochs } = await train('video.seqwire.json', {}, { epochs: 6 });
    expect(epochs[0].accuracy.direction).toBeLessThan(0.5);
    expect(epochs.at(-1)!.accuracy.direction).toBeGreaterThan(0.6);
  }, 120_000);

  it('per-step: the bidirectional labeller knows the first frame\'s move from the frame after it; the online one can only guess it, and gets every later frame', async () => {
    const both = await train('per-step.seqwire.json', {}, { epochs: 4 });
    const online = await train('per-step-online.seqwire.json', {}, { epochs: 4 });
    const [bFirst, bLater] = await stepAccuracy(both.run, both.dataset, [0, 8]);
    const [oFirst, oLater] = await stepAccuracy(online.run, online.dataset, [0, 8]);
    expect(bFirst).toBeGreaterThan(0.85);
    expect(bLater).toBeGreaterThan(0.85);
    // Four directions: a guess is right about a quarter of the time.
    expect(oFirst).toBeLessThan(0.5);
    expect(oLater).toBeGreaterThan(0.85);
  }, 120_000);

  it('captions: generated on pictures of the validation split, beside their true captions, and mostly right after 3 epochs', async () => {
    const { run, dataset } = await train('one-to-many.seqwire.json', {}, { epochs: 3 });
    const { view } = await generateFromRun(run, { n: 16, temperature: 0, seed: 1 });
    expect(view.kind).toBe('text');
    if (view.kind !== 'text') return;
    expect(view.split).toBe('validation');
    const validation = new Set(splitDataset(dataset, 0.1, 1).validation);
    for (const s of view.samples) {
      expect(validation.has(s.index!)).toBe(true);
      expect(s.image).toHaveLength(16);
      expect(s.truth).toMatch(/^(small|big) (circle|square|triangle|cross) (top|bottom) (left|right)$/);
      expect(s.right).toBe(s.output === s.truth);
    }
    expect(view.samples.filter((s) => s.right).length).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('addition: questions shown as written though fed backwards, each beside the true sum and a tick; "12+345" typed reads back as typed', async () => {
    const { run } = await train('seq2seq.seqwire.json', { count: 600 }, { epochs: 1 });
    const { view } = await generateFromRun(run, { n: 8, temperature: 0, seed: 2 });
    if (view.kind !== 'text') throw new Error(`generated ${view.kind}`);
    for (const s of view.samples) {
      const [a, b] = s.input!.split('+').map(Number);
      expect(s.input).toMatch(/^\d{1,3}\+\d{1,3}$/);
      expect(s.truth).toBe(String(a + b));
      expect(s.right).toBe(s.output === s.truth);
    }
    const typed = await generateFromRun(run, { n: 1, temperature: 0, inputs: { question: '12+345' } });
    expect(typed.view).toMatchObject({ kind: 'text', samples: [{ input: '12+345' }] });
    if (typed.view.kind === 'text') expect(typed.view.samples[0].truth).toBeUndefined();
  }, 120_000);
});
