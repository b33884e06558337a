import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Reply } from '../../core/api/contract';
import type { PreviewSamples } from '../../core/api/preview';
import type { RequestName } from '../../core/api/requests';
import { makeGraph } from '../../core/compile/fixture';
import { loadDataset } from '../../core/data/load';
import { splitDataset } from '../../core/data/split';
import { loadGraph } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { nodeDataHost } from '../data/node-data-host';
import { createTrainingService } from '../training/service';
import { createHost, type Host } from './host';
import { modelServices } from './model-services';
import { argmaxLast, perSample } from '../../core/run/preview';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'assets', 'templates');

/** Real short runs through the host, then samples of their validation split with the trained model's predictions. */
describe('previewing samples of a trained run', () => {
  let root: string;
  let host: Host;
  const finished = new Map<string, () => void>();
  const call = async (name: RequestName, payload: unknown) => dispatch(host.handlers, name, payload);
  const result = <T>(reply: Reply): T => {
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };

  /** Saves the graph as a project, trains it one epoch on the cpu backend and gives the run. */
  async function train(graph: Graph, name: string) {
    const project = join(root, `${name}.seqwire.json`);
    result(await call('saveAs', { graph, path: project }));
    const ended = new Promise<void>((resolve) => finished.set('next', resolve));
    const { runId } = result<{ runId: string }>(await call('startTraining', { graph, project, overrides: { backend: 'cpu' } }));
    await ended;
    return { project, runId };
  }

  const perStep = makeGraph(
    { frames: ['SequenceInput', { timesteps: 6, features: 16 }], watch: ['GRU', { units: 4, returnSequences: true }], labels: ['Output', { head: 'softmax', units: 4 }] },
    ['frames.out -> watch.in', 'watch.out -> labels.in'],
  );
  perStep.training = {
    dataset: { builtin: 'frames', options: { steps: 6, size: 4, count: 24 } },
    bindings: { frames: 'frames', labels: 'labels' },
    batchSize: 8, epochs: 1, validationSplit: 0.25, seed: 3,
  };

  const forecast = makeGraph(
    { history: ['SequenceInput', { timesteps: 4, features: 1 }], rnn: ['GRU', { units: 3 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  forecast.training = { dataset: { builtin: 'sine', options: { window: 4, count: 16 } }, bindings: { history: 'history', next: 'next' }, batchSize: 8, epochs: 1 };

  let perStepRun: { project: string; runId: string };
  let forecastRun: { project: string; runId: string };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seqwire-preview-'));
    host = createHost({
      kind: 'browser', version: '0', dataDir: join(root, '.data'), assetsDir: root, projectRoot: root, dialogs: null,
      services: { training: createTrainingService({ inProcess: true }), ...modelServices() },
      emit: (name) => {
        if (name === 'trainingDone' || name === 'trainingError') finished.get('next')?.();
      },
    });
    perStepRun = await train(perStep, 'frames');
    forecastRun = await train(forecast, 'sine');
  }, 60_000);
  afterAll(async () => {
    await host.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('per-step labels come from the validation split, with their names, the truth and what predict says', async () => {
    const preview = result<PreviewSamples>(await call('previewSamples', { run: perStepRun, count: 3 }));
    const data = await loadDataset(perStep.training!.dataset!, nodeDataHost(root));
    if (!data.ok) throw new Error(data.issue.message);
    const validation = Array.from(splitDataset(data.dataset, 0.25, 3).validation);
    expect(preview).toMatchObject({ split: 'validation', splitSize: validation.length });
    expect(preview.indices).toEqual(validation.slice(0, 3));

    const labels = preview.outputs.find((o) => o.nodeId === 'labels')!;
    expect(labels).toMatchObject({ kind: 'classes', head: 'softmax', field: 'labels', shape: [6], classNames: ['left', 'right', 'up', 'down'] });
    const truth = data.dataset.batch(preview.indices, ['labels']).labels;
    expect(labels.truth).toEqual([0, 1, 2].map((i) => Array.from(truth.data.subarray(i * 6, i * 6 + 6))));

    const frames = preview.inputs.find((i) => i.nodeId === 'frames')!;
    expect(frames).toMatchObject({ field: 'frames', shape: [6, 16], vocab: null });
    const { outputs } = result<{ outputs: Record<string, number[][][]> }>(await call('predict', { run: perStepRun, inputs: { frames: frames.values } }));
    const ids = outputs.labels.map((steps) => steps.map((p) => p.indexOf(Math.max(...p))));
    expect(labels.prediction).toEqual(ids);
    for (const [i, steps] of (labels.confidence as number[][]).entries()) {
      steps.forEach((c, t) => expect(c).toBeCloseTo(Math.max(...outputs.labels[i][t]), 5));
    }
  });

  it('a seed draws other validation samples, the same ones each time', async () => {
    const a = result<PreviewSamples>(await call('previewSamples', { run: perStepRun, count: 4, seed: 7 }));
    const b = result<PreviewSamples>(await call('previewSamples', { run: perStepRun, count: 4, seed: 7 }));
    const first = result<PreviewSamples>(await call('previewSamples', { run: perStepRun, count: 4 }));
    expect(a.indices).toEqual(b.indices);
    expect(a.split).toBe('validation');
    expect(a.indices).not.toEqual(first.indices);
    expect(a.outputs[0].truth).toHaveLength(4);
  });

  it('a forecast gives the history, the next value and the prediction; without validation it says the samples were trained on', async () => {
    const preview = result<PreviewSamples>(await call('previewSamples', { run: forecastRun, count: 2 }));
    expect(preview.split).toBe('training');
    expect(preview.notes.join(' ')).toContain('validationSplit 0');
    expect(preview.inputs[0]).toMatchObject({ nodeId: 'history', shape: [4, 1] });
    const next = preview.outputs[0];
    expect(next).toMatchObject({ nodeId: 'next', kind: 'values', shape: [1], confidence: null });
    expect(next.truth).toHaveLength(2);
    for (const p of next.prediction as number[][]) expect(Number.isFinite(p[0])).toBe(true);
    const data = await loadDataset(forecast.training!.dataset!, nodeDataHost(root));
    if (!data.ok) throw new Error(data.issue.message);
    const batch = data.dataset.batch(preview.indices, ['next', 'history']);
    expect((next.truth as number[][]).map((v) => v[0])).toEqual(Array.from(batch.next.data));
  });

  it('a token model shows its inputs with their vocabulary, and its per-step tokens by name', async () => {
    const template = loadGraph(JSON.parse(await readFile(join(TEMPLATES, 'seq2seq.seqwire.json'), 'utf8')));
    if (!template.ok) throw new Error(template.error);
    const graph = template.graph;
    for (const node of graph.nodes) if (node.type === 'LSTM') node.params = { ...node.params, units: 8 };
    graph.training = { ...graph.training!, dataset: { builtin: 'addition', options: { digits: 2, count: 40, reverse: true } }, epochs: 1, batchSize: 16 };
    const run = await train(graph, 'addition');
    const preview = result<PreviewSamples>(await call('previewSamples', { run, count: 2 }));
    expect(preview).toMatchObject({ split: 'validation', splitSize: 4 });
    const question = preview.inputs.find((i) => i.nodeId === 'question')!;
    expect(question.vocab).toEqual(expect.arrayContaining(['+', '0', '9']));
    const answer = preview.outputs.find((o) => o.nodeId === 'answer')!;
    expect(answer).toMatchObject({ kind: 'classes', field: 'target' });
    expect(answer.classNames).toEqual(expect.arrayContaining(['<end>', '0', '9']));
    const steps = (answer.prediction as number[][])[0];
    expect(steps).toHaveLength(answer.shape[0]);
    for (const id of steps) expect(answer.classNames![id]).toBeDefined();
  }, 60_000);

  it('asks for at most 16 samples, and names a run that is not there', async () => {
    expect(await call('previewSamples', { run: perStepRun, count: 17 })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const missing = await call('previewSamples', { run: { project: perStepRun.project, runId: 'nope' }, count: 1 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('not a run folder') } });
  });
});

describe('sample values sent to the window', () => {
  it('long sequences are cut to the first steps, and a sample too wide to send has no values', () => {
    const long = perSample({ shape: [2, 600, 10], data: new Float32Array(2 * 600 * 10).map((_, i) => i) });
    expect(long).toMatchObject({ shape: [409, 10], fullShape: [600, 10] });
    expect((long.values as number[][][])[1][0][0]).toBe(6000);
    expect(perSample({ shape: [1, 2, 5000], data: new Float32Array(10000) }).values).toBeNull();
    expect(perSample({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }).values).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('class ids are the argmax of the last axis, with its probability', () => {
    const { ids, confidence } = argmaxLast({ shape: [1, 2, 3], data: [0.1, 0.7, 0.2, 0.5, 0.2, 0.3] });
    expect(ids).toEqual({ shape: [1, 2], data: Int32Array.from([1, 0]) });
    expect(Array.from(confidence.data)).toEqual([Math.fround(0.7), Math.fround(0.5)]);
  });
});
