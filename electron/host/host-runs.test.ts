import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Reply } from '../../core/api/contract';
import type { RequestName } from '../../core/api/requests';
import { makeGraph } from '../../core/compile/fixture';
import { createTrainingService } from '../training/service';
import { createHost, type Host } from './host';
import { modelServices } from './model-services';

/** One short run through the host, as the window drives it: train, list, read, predict, generate, export. */
describe('a training run through the host', () => {
  let root: string;
  let host: Host;
  const events: { name: string; payload: unknown }[] = [];
  let done: Promise<void>;
  const call = async (name: RequestName, payload: unknown) => dispatch(host.handlers, name, payload);
  const result = <T>(reply: Reply): T => {
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };

  const graph = makeGraph(
    { history: ['SequenceInput', { timesteps: 4, features: 1 }], rnn: ['GRU', { units: 3 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  graph.training = { dataset: { builtin: 'sine', options: { window: 4, count: 32 } }, bindings: { history: 'history', next: 'next' }, batchSize: 16, epochs: 1 };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seqwire-runs-'));
    let finished: () => void = () => undefined;
    done = new Promise((resolve) => (finished = resolve));
    host = createHost({
      kind: 'browser',
      version: '0',
      dataDir: join(root, '.data'),
      assetsDir: root,
      projectRoot: root,
      dialogs: null,
      services: { training: createTrainingService({ inProcess: true }), ...modelServices() },
      emit: (name, payload) => {
        events.push({ name, payload });
        if (name === 'trainingDone' || name === 'trainingError') finished();
      },
    });
  });
  afterAll(async () => {
    await host.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('trains in the runs folder beside the project and reports each step as an event', async () => {
    const project = join(root, 'sine.seqwire.json');
    result(await call('saveAs', { graph, path: project }));
    const { runId, dir } = result<{ runId: string; dir: string }>(await call('startTraining', { graph, project, overrides: { backend: 'cpu' } }));
    expect(dir).toBe(join(root, 'sine.runs', runId));
    expect(await call('startTraining', { graph, project })).toMatchObject({ ok: false, error: { code: 'busy' } });
    await done;
    const names = events.map((e) => e.name);
    expect(names).toContain('trainingProgress');
    expect(names).toContain('trainingEpoch');
    expect(names.at(-1) === 'trainingDone' || names.includes('trainingDone')).toBe(true);
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['model.json', 'metrics.jsonl', 'graph.seqwire.json', 'run.json']));
  });

  it('lists the finished run and reads its metrics', async () => {
    const project = join(root, 'sine.seqwire.json');
    const { runs } = result<{ runs: { id: string; status: string; epochs: number; hasModel: boolean; backend: string }[] }>(await call('listRuns', { project }));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'done', epochs: 1, hasModel: true, backend: 'cpu' });
    const { lines } = result<{ lines: { epoch: number; loss: number }[] }>(await call('readRunMetrics', { project, runId: runs[0].id }));
    expect(lines).toHaveLength(1);
    expect(Number.isFinite(lines[0].loss)).toBe(true);
  });

  it('predicts, generates and exports from the run', async () => {
    const project = join(root, 'sine.seqwire.json');
    const { runs } = result<{ runs: { id: string }[] }>(await call('listRuns', { project }));
    const run = { project, runId: runs[0].id };
    const { outputs } = result<{ outputs: Record<string, number[][]> }>(await call('predict', { run, inputs: { history: [[[0], [0.5], [1], [0.5]]] } }));
    expect(outputs.next).toHaveLength(1);
    expect(Number.isFinite(outputs.next[0][0])).toBe(true);
    const generated = result<{ kind: string }>(await call('generate', { run, n: 1, maxSteps: 3, seed: 1 }));
    expect(['values', 'strokes', 'text']).toContain(generated.kind);
    const target = join(root, 'exported');
    const { files } = result<{ files: string[] }>(await call('exportModel', { run, format: 'tfjs', path: target }));
    expect(files).toContain(join(target, 'model.json'));
    expect(await call('exportModel', { run, format: 'tfjs', path: join(root, '..', 'elsewhere') })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
  });
});
