import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Reply } from '../../core/api/contract';
import type { RunInfo } from '../../core/api/schemas';
import type { RequestName } from '../../core/api/requests';
import { makeGraph } from '../../core/compile/fixture';
import { saveGraph } from '../../core/graph/load';
import { createTrainingService } from '../training/service';
import { createHost, type Host } from './host';
import { modelServices } from './model-services';

/**
 * Runs belong to their document, on a real file system: an unsaved document's
 * runs are its own and go with it when it is saved; imported weights become a
 * run; Save As copies them.
 */
describe('runs owned by the document', () => {
  let root: string;
  let host: Host;
  let ended: (() => void) | null = null;
  const call = async (name: RequestName, payload: unknown) => dispatch(host.handlers, name, payload);
  const result = <T>(reply: Reply): T => {
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };
  const runsOf = async (owner: { project: string | null; draft?: string }) => result<{ runs: RunInfo[] }>(await call('listRuns', owner)).runs;

  const graph = makeGraph(
    { history: ['SequenceInput', { timesteps: 4, features: 1 }], rnn: ['GRU', { units: 3 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  graph.training = { dataset: { builtin: 'sine', options: { window: 4, count: 32 } }, bindings: { history: 'history', next: 'next' }, batchSize: 16, epochs: 1 };

  async function train(owner: { project: string | null; draft?: string }): Promise<string> {
    const finished = new Promise<void>((resolve) => (ended = resolve));
    const { runId } = result<{ runId: string }>(await call('startTraining', { graph, ...owner, overrides: { backend: 'cpu' } }));
    await finished;
    return runId;
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seqwire-docruns-'));
    host = createHost({
      kind: 'browser', version: '0', dataDir: join(root, '.data'), assetsDir: root, projectRoot: root, dialogs: null,
      services: { training: createTrainingService({ inProcess: true }), ...modelServices() },
      emit: (name) => {
        if (name === 'trainingDone' || name === 'trainingError') ended?.();
      },
    });
  });
  afterAll(async () => {
    await host.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the runs of an unsaved document to itself and moves them beside the project on its first save', async () => {
    const draft = 'draft-aaaa-0001';
    const runId = await train({ project: null, draft });
    expect((await runsOf({ project: null, draft })).map((r) => r.id)).toEqual([runId]);
    // Another unsaved document (another template) has no runs.
    expect(await runsOf({ project: null, draft: 'draft-bbbb-0002' })).toEqual([]);
    const project = join(root, 'first.seqwire.json');
    result(await call('saveAs', { graph, path: project, runsFrom: { project: null, draft } }));
    const runs = await runsOf({ project });
    expect(runs).toMatchObject([{ id: runId, status: 'done', hasModel: true, settings: { optimizer: 'adam', batchSize: 16, epochs: 1, backend: 'cpu' } }]);
    expect(await runsOf({ project: null, draft })).toEqual([]);
    const generated = result<{ kind: string }>(await call('generate', { run: { project, runId }, n: 1, maxSteps: 3, seed: 1 }));
    expect(generated.kind).toBe('values');
  });

  it('also moves them on a plain save of a path chosen before', async () => {
    const draft = 'draft-cccc-0003';
    const project = join(root, 'second.seqwire.json');
    result(await call('saveAs', { graph, path: project }));
    const runId = await train({ project: null, draft });
    result(await call('save', { graph, path: project, draft }));
    expect((await runsOf({ project })).map((r) => r.id)).toEqual([runId]);
  });

  it('takes a run that is still training along when it ends, if its document is saved meanwhile', async () => {
    const draft = 'draft-eeee-0005';
    const finished = new Promise<void>((resolve) => (ended = resolve));
    const { runId } = result<{ runId: string }>(await call('startTraining', { graph, project: null, draft, overrides: { backend: 'cpu' } }));
    const project = join(root, 'while-training.seqwire.json');
    result(await call('saveAs', { graph, path: project, runsFrom: { project: null, draft } }));
    await finished;
    expect(await runsOf({ project })).toMatchObject([{ id: runId, status: 'done', hasModel: true }]);
    expect(await runsOf({ project: null, draft })).toEqual([]);
  });

  it('copies the runs of a saved project to the new file on Save As, or moves them when asked', async () => {
    const from = join(root, 'first.seqwire.json');
    const copy = join(root, 'copy.seqwire.json');
    result(await call('saveAs', { graph, path: copy, runsFrom: { project: from }, runs: 'copy' }));
    expect(await runsOf({ project: copy })).toHaveLength(1);
    expect(await runsOf({ project: from })).toHaveLength(1);
    const moved = join(root, 'moved.seqwire.json');
    result(await call('saveAs', { graph, path: moved, runsFrom: { project: from }, runs: 'move' }));
    expect(await runsOf({ project: moved })).toHaveLength(1);
    expect(await runsOf({ project: from })).toHaveLength(0);
  });

  it('keeps the weights of an imported model as a run of the new document, which a save takes along', async () => {
    const source = join(root, 'second.runs', (await runsOf({ project: join(root, 'second.seqwire.json') }))[0].id);
    const draft = 'draft-dddd-0004';
    const imported = result<{ graph: unknown; runId: string | null }>(await call('importModel', { path: join(source, 'model.json'), draft }));
    expect(imported.runId).not.toBeNull();
    const [run] = await runsOf({ project: null, draft });
    expect(run).toMatchObject({ id: imported.runId, status: 'done', hasModel: true, source: join(source, 'model.json') });
    const project = join(root, 'imported.seqwire.json');
    result(await call('saveAs', { graph: imported.graph, path: project, runsFrom: { project: null, draft } }));
    const runId = imported.runId!;
    expect((await runsOf({ project })).map((r) => r.id)).toEqual([runId]);
    const { outputs } = result<{ outputs: Record<string, number[][]> }>(await call('predict', { run: { project, runId }, inputs: { history: [[[0], [0.5], [1], [0.5]]] } }));
    expect(Number.isFinite(outputs.next[0][0])).toBe(true);
  });

  it('imports an encoder and then its decoder joined to it, the joined weights a run of the new document', async () => {
    const corpus = join(__dirname, '../cli/commands/import-corpus/join');
    for (const f of ['encoder.h5', 'decoder.h5']) await copyFile(join(corpus, f), join(root, f));
    const encoder = result<{ graph: { nodes: { type: string }[] }; runId: string | null; notes: string[] }>(await call('importModel', { path: join(root, 'encoder.h5'), draft: 'draft-eeee-0005' }));
    expect(encoder.graph.nodes.filter((n) => n.type === 'ModelOutput')).toHaveLength(2);
    expect(encoder.runId).toBeNull();
    const draft = 'draft-ffff-0006';
    const joined = result<{ graph: { nodes: { id: string }[] }; runId: string | null; notes: string[] }>(await call('importModel', { path: join(root, 'decoder.h5'), joinWith: join(root, 'encoder.h5'), draft }));
    expect(joined.notes[0]).toBe('joined: encoder.h -> input_3, encoder.c -> input_4');
    expect(joined.graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['encoder_inputs', 'encoder', 'decoder_inputs', 'decoder', 'decoder_dense']));
    expect((await runsOf({ project: null, draft })).map((r) => r.id)).toEqual([joined.runId]);
    const wrong = await call('importModel', { path: join(root, 'encoder.h5'), joinWith: join(root, 'decoder.h5'), draft: 'draft-0000-0007' });
    expect(wrong.ok).toBe(false);
  });

  it('names and deletes a run, and sweeps what a killed write left', async () => {
    const project = join(root, 'imported.seqwire.json');
    const [run] = await runsOf({ project });
    result(await call('nameRun', { run: { project, runId: run.id }, name: 'from the export' }));
    expect((await runsOf({ project }))[0].name).toBe('from the export');
    result(await call('deleteRun', { run: { project, runId: run.id } }));
    expect(await runsOf({ project })).toEqual([]);
    expect(await call('deleteRun', { run: { project, runId: run.id } })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('marks a run whose process died as failed and removes temporary files at the next start', async () => {
    const runs = join(root, 'killed.runs');
    const dir = join(runs, '20260101-000000-dead');
    await mkdir(join(dir, 'checkpoints', '.epoch-0002.tmp'), { recursive: true });
    await writeFile(join(dir, 'run.json'), JSON.stringify({ startedAt: '2026-01-01T00:00:00Z', status: 'running', backend: 'cpu', pid: 2 ** 22 + 12345 }));
    await writeFile(join(dir, '.model.json.123.abcd.tmp'), 'half');
    await writeFile(join(dir, 'graph.seqwire.json'), saveGraph(graph));
    const project = join(root, 'killed.seqwire.json');
    await writeFile(project, saveGraph(graph));
    const [run] = await runsOf({ project });
    expect(run).toMatchObject({ status: 'failed', message: expect.stringContaining('cut off'), hasModel: false });
    expect(await readdir(dir)).not.toContain('.model.json.123.abcd.tmp');
    expect(await readdir(join(dir, 'checkpoints'))).toEqual([]);
  });
});
