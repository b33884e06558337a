import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Reply } from '../../core/api/contract';
import type { RequestName } from '../../core/api/requests';
import { saveGraph } from '../../core/graph/load';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph } from '../../core/graph/schema';
import { createHost, type HostOptions } from './host';
import type { Dialogs } from './services';

const graph: Graph = {
  format: GRAPH_FORMAT,
  version: GRAPH_VERSION,
  name: 'tiny',
  nodes: [{ id: 'x', type: 'SequenceInput', params: { timesteps: 4, features: 2 } }],
  edges: [],
};

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'seqwire-host-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A dialog that answers what the test queued, like a user clicking. */
function scriptedDialogs(answers: (string | null)[]): Dialogs {
  const next = async () => (answers.length ? (answers.shift() ?? null) : null);
  return { openProject: next, saveProject: next, openDataset: next, openModel: next, exportTarget: next };
}

function makeHost(over: Partial<HostOptions> = {}) {
  const emitted: { name: string; payload: unknown }[] = [];
  const host = createHost({
    kind: 'electron',
    version: '0.0.0',
    dataDir: join(tmp, 'data'),
    assetsDir: join(tmp, 'assets'),
    projectRoot: null,
    dialogs: scriptedDialogs([]),
    services: {},
    emit: (name, payload) => void emitted.push({ name, payload }),
    ...over,
  });
  const call = (name: RequestName, payload: unknown): Promise<Reply> => dispatch(host.handlers, name, payload);
  return { host, call, emitted };
}

describe('saving', () => {
  it('writes the whole document and leaves no temporary file', async () => {
    const path = join(tmp, 'a.seqwire.json');
    const { call } = makeHost({ dialogs: scriptedDialogs([path]) });
    expect(await call('saveAs', { graph })).toEqual({ ok: true, result: { path } });
    expect(await readFile(path, 'utf8')).toBe(saveGraph(graph));
    expect((await readdir(tmp)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const renamed = { ...graph, name: 'renamed' };
    expect(await call('save', { path, graph: renamed })).toMatchObject({ ok: true });
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('renamed');
  });

  it('keeps the old file and removes the temporary one when the save fails', async () => {
    const path = join(tmp, 'a.seqwire.json');
    await writeFile(path, saveGraph(graph));
    const { call, host } = makeHost();
    host.policy.allow(path);
    // A folder where the temporary file should go makes the write fail midway.
    await rm(path);
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    const reply = await call('save', { path, graph: { ...graph, name: 'new' } });
    expect(reply.ok).toBe(false);
    expect(await readFile(join(path, 'keep'), 'utf8')).toBe('x');
    expect((await readdir(tmp)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('adds the .seqwire.json extension to a name chosen without it', async () => {
    const { call } = makeHost({ dialogs: scriptedDialogs([join(tmp, 'plain')]) });
    expect(await call('saveAs', { graph })).toEqual({ ok: true, result: { path: join(tmp, 'plain.seqwire.json') } });
  });

  it('answers null when the user cancels the dialog', async () => {
    const { call } = makeHost({ dialogs: scriptedDialogs([null]) });
    expect(await call('saveAs', { graph })).toEqual({ ok: true, result: null });
  });
});

describe('refusing paths the user did not choose', () => {
  it('refuses to save or open a path never chosen', async () => {
    const { call } = makeHost();
    const path = join(tmp, 'b.seqwire.json');
    expect(await call('save', { path, graph })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
    expect(await call('open', { path })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
    await expect(readdir(tmp)).resolves.not.toContain('b.seqwire.json');
  });

  it('refuses a path that climbs out of the project folder', async () => {
    const root = join(tmp, 'project');
    await mkdir(root);
    const { call } = makeHost({ kind: 'browser', projectRoot: root, dialogs: null });
    expect(await call('saveAs', { graph, path: '../escape.seqwire.json' })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
    expect(await call('saveAs', { graph, path: join(root, 'in.seqwire.json') })).toMatchObject({ ok: true });
    await expect(readdir(tmp)).resolves.not.toContain('escape.seqwire.json');
  });

  it('refuses a symbolic link inside the project folder that leads outside it', async () => {
    const root = join(tmp, 'project');
    const outside = join(tmp, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(join(outside, 'secret.seqwire.json'), saveGraph(graph));
    await symlink(outside, join(root, 'link'));
    const { call } = makeHost({ kind: 'browser', projectRoot: root, dialogs: null });
    expect(await call('open', { path: join(root, 'link', 'secret.seqwire.json') })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
    expect(await call('browse', { kind: 'project', dir: join(root, 'link') })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
  });

  it('says there is no dialog in browser mode instead of guessing a path', async () => {
    const { call } = makeHost({ kind: 'browser', projectRoot: tmp, dialogs: null });
    expect(await call('open', {})).toMatchObject({ ok: false, error: { code: 'no-dialog' } });
  });
});

describe('opening', () => {
  it('reports a bad file and changes nothing, not even the recent files', async () => {
    const good = join(tmp, 'good.seqwire.json');
    const bad = join(tmp, 'bad.seqwire.json');
    await writeFile(good, saveGraph(graph));
    await writeFile(bad, '{"format": "seqwire.graph", "version": 1, "nodes": [');
    const { call } = makeHost({ dialogs: scriptedDialogs([good, bad]) });
    expect(await call('open', {})).toMatchObject({ ok: true, result: { path: good, graph: { name: 'tiny' } } });
    const reply = await call('open', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-file' } });
    expect(!reply.ok && reply.error.message).toContain('not valid JSON');
    expect(await readFile(bad, 'utf8')).toBe('{"format": "seqwire.graph", "version": 1, "nodes": [');
    expect(await call('recentFiles', {})).toMatchObject({ ok: true, result: { files: [{ path: good }] } });
  });

  it('lets a recent file be reopened after a restart, without a dialog', async () => {
    const path = join(tmp, 'r.seqwire.json');
    await writeFile(path, saveGraph(graph));
    await makeHost({ dialogs: scriptedDialogs([path]) }).call('open', {});
    const { call } = makeHost({ dialogs: null });
    expect(await call('open', { path })).toMatchObject({ ok: true, result: { path } });
  });

  it('allows a file the OS asked to open and tells the window', async () => {
    const path = join(tmp, 'os.seqwire.json');
    await writeFile(path, saveGraph(graph));
    const { call, host, emitted } = makeHost();
    host.openFromOutside(path);
    expect(emitted).toEqual([{ name: 'openFile', payload: { path } }]);
    expect(await call('open', { path })).toMatchObject({ ok: true });
  });
});

describe('browsing the project folder', () => {
  it('shows folders and files of the asked kind, hidden files left out', async () => {
    await mkdir(join(tmp, 'sub'));
    await writeFile(join(tmp, 'a.seqwire.json'), '{}');
    await writeFile(join(tmp, 'data.csv'), 'a\n1\n');
    await writeFile(join(tmp, '.hidden.seqwire.json'), '{}');
    const { call } = makeHost({ kind: 'browser', projectRoot: tmp, dialogs: null });
    const reply = await call('browse', { kind: 'project' });
    expect(reply).toMatchObject({ ok: true, result: { root: tmp, dir: tmp, parent: null } });
    const names = reply.ok ? (reply.result as { entries: { name: string }[] }).entries.map((e) => e.name) : [];
    expect(names).toEqual(['sub', 'a.seqwire.json']);
  });
});

describe('templates, validation and runs', () => {
  it('lists and reads templates from the assets folder', async () => {
    await mkdir(join(tmp, 'assets', 'templates'), { recursive: true });
    await writeFile(join(tmp, 'assets', 'templates', 'tiny.seqwire.json'), saveGraph({ ...graph, description: 'one input' }));
    const { call } = makeHost();
    expect(await call('listTemplates', {})).toEqual({ ok: true, result: { templates: [{ id: 'tiny', name: 'tiny', description: 'one input', nodeCount: 1 }] } });
    expect(await call('readTemplate', { id: 'tiny' })).toMatchObject({ ok: true, result: { graph: { name: 'tiny' } } });
    expect(await call('readTemplate', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('validates a graph with core and reports its diagnostics', async () => {
    const reply = await makeHost().call('validate', { graph });
    expect(reply).toMatchObject({ ok: true, result: { valid: false, shapes: { x: { out: { shape: [4, 2], dtype: 'float32' } } } } });
    expect(reply.ok && (reply.result as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toContain('no-output');
  });

  it('lists the runs beside a project with their last metrics', async () => {
    const path = join(tmp, 'p.seqwire.json');
    await writeFile(path, saveGraph(graph));
    const run = join(tmp, 'p.runs', '20261125-150000-abcd');
    await mkdir(run, { recursive: true });
    await writeFile(join(run, 'metrics.jsonl'), '{"epoch":1,"loss":2,"valLoss":null}\n{"epoch":2,"loss":1.5,"valLoss":1.7}\n{"epo');
    const { call, host } = makeHost();
    host.policy.allow(path);
    expect(await call('listRuns', { project: path })).toMatchObject({ ok: true, result: { runs: [{ id: '20261125-150000-abcd', epochs: 2, loss: 1.5, valLoss: 1.7, hasModel: false }] } });
    expect(await call('readRunMetrics', { project: path, runId: '20261125-150000-abcd' })).toMatchObject({ ok: true, result: { lines: [{ epoch: 1 }, { epoch: 2 }] } });
  });

  it('answers not-available for training when no trainer is wired, and writes nothing', async () => {
    const { call } = makeHost();
    expect(await call('startTraining', { graph, project: null })).toMatchObject({ ok: false, error: { code: 'not-available' } });
    await expect(readdir(tmp)).resolves.toEqual([]);
  });
});

describe('choosing a dataset file', () => {
  it('gives the path relative to the project for the graph, and refuses one outside the project folder', async () => {
    const root = join(tmp, 'project');
    await mkdir(join(root, 'data'), { recursive: true });
    await writeFile(join(root, 'data', 'sine.csv'), 't,v\n0,1\n');
    const { call } = makeHost({ kind: 'browser', projectRoot: root, dialogs: null });
    const project = join(root, 'p.seqwire.json');
    await call('saveAs', { graph, path: project });
    expect(await call('chooseDatasetFile', { project, path: join(root, 'data', 'sine.csv') })).toEqual({ ok: true, result: { path: join(root, 'data', 'sine.csv'), relative: 'data/sine.csv' } });
    expect(await call('chooseDatasetFile', { project, path: '/etc/hosts' })).toMatchObject({ ok: false, error: { code: 'refused-path' } });
  });
});
