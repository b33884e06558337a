import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph } from '../graph/schema';
import { ApiError } from './errors';
import { createClient, createEventHub, dispatch, type Handlers } from './contract';
import { requests, REQUEST_NAMES } from './requests';
import { events } from './events';

const graph: Graph = { format: GRAPH_FORMAT, version: GRAPH_VERSION, name: 't', nodes: [], edges: [] };

/** Handlers that answer only what a test needs; anything else is a test bug. */
function handlers(partial: Partial<Handlers>): Handlers {
  return new Proxy(partial, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (async () => { throw new Error(`unexpected request ${key}`); }),
  }) as Handlers;
}

function loopback(h: Handlers) {
  const sent: string[] = [];
  const api = createClient(async (name, payload) => {
    sent.push(name);
    // Through JSON, as over a real bridge.
    return JSON.parse(JSON.stringify(await dispatch(h, name, JSON.parse(JSON.stringify(payload)))));
  });
  return { api, sent };
}

describe('the request table', () => {
  it('names every request the issue asks for', () => {
    for (const name of ['open', 'save', 'saveAs', 'listTemplates', 'readTemplate', 'validate', 'startTraining', 'pauseTraining', 'resumeTraining', 'cancelTraining', 'generate', 'predict', 'exportModel', 'importModel', 'listRuns', 'readRunMetrics', 'listDatasets', 'recentFiles']) {
      expect(REQUEST_NAMES).toContain(name);
    }
  });

  it('gives every request a payload schema, a result schema and a doc line', () => {
    for (const [name, def] of Object.entries(requests)) {
      expect(def.doc.length, name).toBeGreaterThan(10);
      expect(typeof def.payload.safeParse, name).toBe('function');
      expect(typeof def.result.safeParse, name).toBe('function');
    }
  });

  it('refuses a save whose path is not a project file', () => {
    expect(requests.save.payload.safeParse({ path: '/tmp/x.json', graph }).success).toBe(false);
    expect(requests.save.payload.safeParse({ path: '/tmp/x.seqwire.json', graph }).success).toBe(true);
  });

  it('refuses a run id that could leave the runs folder', () => {
    for (const runId of ['../x', 'a/b', 'a\\b', '.hidden', '']) {
      expect(requests.readRunMetrics.payload.safeParse({ project: null, runId }).success, runId).toBe(false);
    }
  });

  it('refuses unknown payload keys rather than ignoring them', () => {
    expect(requests.open.payload.safeParse({ path: '/a.seqwire.json', overwrite: true }).success).toBe(false);
  });

  it('fills generation defaults for the handler', () => {
    const parsed = requests.generate.payload.parse({ run: { project: null, runId: 'r1' } });
    expect(parsed).toMatchObject({ n: 1, temperature: 0.65, maxSteps: 250 });
  });
});

describe('client and dispatch', () => {
  it('carries a result through a JSON bridge, checked on both sides', async () => {
    const { api } = loopback(handlers({ readTemplate: async ({ id }) => ({ graph: { ...graph, name: id }, notes: [] }) }));
    await expect(api.readTemplate({ id: 'seq2seq' })).resolves.toMatchObject({ graph: { name: 'seq2seq' } });
  });

  it('refuses a bad payload before it is sent', async () => {
    const { api, sent } = loopback(handlers({}));
    const call = api.readTemplate({ id: '../../etc/passwd' });
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ code: 'invalid-payload' });
    expect(sent).toEqual([]);
  });

  it('refuses a bad payload on the host side too, without calling the handler', async () => {
    let called = false;
    const h = handlers({ save: async () => { called = true; return { path: 'x' }; } });
    const reply = await dispatch(h, 'save', { path: '/etc/passwd', graph });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(called).toBe(false);
  });

  it('answers an unknown request name with an error, not a crash', async () => {
    await expect(dispatch(handlers({}), 'rm -rf', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    await expect(dispatch(handlers({}), 'constructor', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-request' } });
  });

  it('keeps the code of an ApiError thrown by a handler', async () => {
    const { api } = loopback(handlers({ open: async () => { throw new ApiError('refused-path', 'not chosen'); } }));
    await expect(api.open({ path: '/x.seqwire.json' })).rejects.toMatchObject({ code: 'refused-path', message: 'not chosen' });
  });

  it('reports a handler bug as internal with its message', async () => {
    const reply = await dispatch(handlers({ recentFiles: async () => { throw new TypeError('boom'); } }), 'recentFiles', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'recentFiles failed: boom' } });
  });

  it('refuses a host answer that breaks the contract', async () => {
    const h = handlers({ recentFiles: async () => ({ files: [{ path: 3 }] }) as never });
    await expect(dispatch(h, 'recentFiles', {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid-result' } });
    const api = createClient(async () => ({ ok: true, result: { files: 'nope' } }));
    await expect(api.recentFiles({})).rejects.toMatchObject({ code: 'invalid-result' });
  });
});

describe('events', () => {
  it('delivers a checked event and drops one that does not fit', () => {
    const hub = createEventHub();
    const got: unknown[] = [];
    const off = hub.on('command', (p) => got.push(p.command));
    expect(hub.deliver('command', { command: 'save' })).toBe(true);
    expect(hub.deliver('command', { command: 'format-disk' })).toBe(false);
    expect(hub.deliver('nonsense', {})).toBe(false);
    off();
    hub.deliver('command', { command: 'undo' });
    expect(got).toEqual(['save']);
  });

  it('has a schema for each training event', () => {
    expect(Object.keys(events)).toEqual(expect.arrayContaining(['trainingProgress', 'trainingEpoch', 'trainingDone', 'trainingError']));
  });
});
