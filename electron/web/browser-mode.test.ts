import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { dispatch } from '../../core/api/contract';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph } from '../../core/graph/schema';
import { createHost } from '../host/host';
import { startWebServer, type WebServer } from './server';
import { connectHost } from '../../renderer/api/index';

const graph: Graph = { format: GRAPH_FORMAT, version: GRAPH_VERSION, name: 'g', nodes: [], edges: [] };
let tmp: string;
let server: WebServer | null = null;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'seqwire-client-'));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(tmp, { recursive: true, force: true });
});

function fakeWindow(href: string, extra: Record<string, unknown> = {}): Window {
  const url = new URL(href);
  return { location: { href, origin: url.origin }, ...extra } as unknown as Window;
}

async function browserMode() {
  const s = await startWebServer({
    staticDir: tmp,
    port: 0,
    token: 'tok',
    handlers: (emit) => createHost({ kind: 'browser', version: '0', dataDir: join(tmp, '.data'), assetsDir: tmp, projectRoot: tmp, dialogs: null, services: {}, emit }).handlers,
  });
  server = s;
  // The window's WebSocket, as Node lacks one before version 22.
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
  return s;
}

describe('connecting the window', () => {
  it('has no host when the page URL carries no token and there is no bridge', () => {
    expect(connectHost(fakeWindow('http://127.0.0.1:5173/'))).toBeNull();
  });

  it('saves through browser mode and gets the typed answer', async () => {
    const s = await browserMode();
    const api = connectHost(fakeWindow(s.url));
    if (!api) throw new Error('no host');
    const path = join(tmp, 'p.seqwire.json');
    await expect(api.saveAs({ graph, path })).resolves.toEqual({ path });
    expect(JSON.parse(await readFile(path, 'utf8')).name).toBe('g');
    await expect(api.hostInfo({})).resolves.toMatchObject({ kind: 'browser', nativeDialogs: false, projectRoot: tmp });
  });

  it('rejects with the host error code when the host refuses', async () => {
    const s = await browserMode();
    const api = connectHost(fakeWindow(s.url));
    await expect(api?.open({ path: '/etc/x.seqwire.json' })).rejects.toMatchObject({ code: 'refused-path' });
  });

  it('receives host events through browser mode', async () => {
    const s = await browserMode();
    const api = connectHost(fakeWindow(s.url));
    if (!api) throw new Error('no host');
    await api.hostInfo({});
    const got = new Promise((done) => api.on('command', (p) => done(p.command)));
    s.emit('command', { command: 'undo' });
    await expect(got).resolves.toBe('undo');
  });

  it('uses the Electron bridge when the preload put one on the window', async () => {
    const handlers = createHost({ kind: 'electron', version: '0', dataDir: tmp, assetsDir: tmp, projectRoot: null, dialogs: null, services: {}, emit: () => undefined }).handlers;
    const listeners: ((p: unknown) => void)[] = [];
    const bridge = new Proxy(
      { on: (_name: string, l: (p: unknown) => void) => (listeners.push(l), () => undefined) },
      { get: (t, name: string) => (name === 'on' ? t.on : (payload: unknown) => dispatch(handlers, name, payload)) },
    );
    const api = connectHost(fakeWindow('file:///app/index.html', { seqwire: bridge }));
    if (!api) throw new Error('no host');
    await expect(api.hostInfo({})).resolves.toMatchObject({ kind: 'electron' });
    const seen: unknown[] = [];
    api.on('command', (p) => seen.push(p.command));
    listeners[0]({ command: 'redo' });
    listeners[0]({ command: 'rm -rf' });
    expect(seen).toEqual(['redo']);
  });
});
