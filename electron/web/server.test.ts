import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Handlers } from '../../core/api/contract';
import { GRAPH_FORMAT, GRAPH_VERSION } from '../../core/graph/schema';
import { startWebServer, tokenMatches, type WebServer } from './server';

const TOKEN = 'test-token-0123456789';
let tmp: string;
let server: WebServer;
let saves: unknown[];
const open: WebSocket[] = [];

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'seqwire-web-'));
  await mkdir(join(tmp, 'static'));
  await writeFile(join(tmp, 'static', 'index.html'), '<!doctype html><title>Seqwire</title>');
  await writeFile(join(tmp, 'secret.txt'), 'outside');
  saves = [];
  server = await startWebServer({
    staticDir: join(tmp, 'static'),
    port: 0,
    token: TOKEN,
    maxConnections: 2,
    handlers: () =>
      ({
        save: async (p: { path: string }) => {
          saves.push(p);
          return { path: p.path };
        },
        recentFiles: async () => ({ files: [] }),
      }) as unknown as Handlers,
  });
});

afterEach(async () => {
  for (const ws of open.splice(0)) ws.terminate();
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Opens a socket; resolves to it once open, or to the HTTP status that refused it. */
function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    open.push(ws);
    ws.on('open', () => done(ws));
    ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0));
    ws.on('error', () => done(-1));
  });
}

function ask(ws: WebSocket, message: unknown): Promise<{ id: number; reply: { ok: boolean; result?: unknown; error?: { code: string } } }> {
  return new Promise((done) => {
    ws.once('message', (data) => done(JSON.parse(data.toString())));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

function get(path: string, host = `127.0.0.1:${server.port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

const graph = { format: GRAPH_FORMAT, version: GRAPH_VERSION, nodes: [], edges: [] };

describe('the token', () => {
  it('compares tokens exactly', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(tokenMatches(TOKEN, undefined)).toBe(false);
  });

  it('refuses a socket without the token or with a wrong one', async () => {
    expect(await connect('')).toBe(401);
    expect(await connect('?token=wrong')).toBe(401);
  });

  it('refuses a socket opened by a page of another origin, even with the token', async () => {
    expect(await connect(`?token=${TOKEN}`, { Origin: 'http://evil.example' })).toBe(403);
  });

  it('refuses a request that does not carry the token, and does nothing', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const reply = await ask(ws, { type: 'request', id: 1, token: 'nope', name: 'save', payload: { path: '/tmp/a.seqwire.json', graph } });
    expect(reply).toEqual({ type: 'reply', id: 1, reply: { ok: false, error: { code: 'unauthorized', message: expect.any(String) } } });
    expect(saves).toEqual([]);
  });
});

describe('requests', () => {
  it('answers a request with the token', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const reply = await ask(ws, { type: 'request', id: 7, token: TOKEN, name: 'save', payload: { path: '/tmp/a.seqwire.json', graph } });
    expect(reply).toMatchObject({ id: 7, reply: { ok: true, result: { path: '/tmp/a.seqwire.json' } } });
    expect(saves).toHaveLength(1);
  });

  it('refuses a payload that fails its schema, without calling the host', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const reply = await ask(ws, { type: 'request', id: 2, token: TOKEN, name: 'save', payload: { path: '/etc/passwd', graph } });
    expect(reply).toMatchObject({ id: 2, reply: { ok: false, error: { code: 'invalid-payload' } } });
    expect(await ask(ws, 'not json')).toMatchObject({ id: -1, reply: { ok: false, error: { code: 'invalid-payload' } } });
    expect(saves).toEqual([]);
  });

  it('sends events to connected windows', async () => {
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const got = new Promise((done) => ws.once('message', (d) => done(JSON.parse(d.toString()))));
    server.emit('command', { command: 'save' });
    expect(await got).toEqual({ type: 'event', name: 'command', payload: { command: 'save' } });
  });

  it('closes a socket that sends more than the largest message allowed', async () => {
    await server.close();
    server = await startWebServer({ staticDir: join(tmp, 'static'), port: 0, token: TOKEN, maxPayload: 1024, handlers: () => ({}) as Handlers });
    const ws = await connect(`?token=${TOKEN}`);
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`);
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    ws.send(JSON.stringify({ type: 'request', id: 1, token: TOKEN, name: 'save', payload: 'x'.repeat(4096) }));
    expect(await closed).toBe(1009);
  });

  it('keeps the number of connections bounded', async () => {
    expect(typeof (await connect(`?token=${TOKEN}`))).toBe('object');
    expect(typeof (await connect(`?token=${TOKEN}`))).toBe('object');
    expect(await connect(`?token=${TOKEN}`)).toBe(503);
  });
});

describe('the static files', () => {
  it('serves the window with a strict content security policy', async () => {
    const res = await get('/?token=x');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Seqwire</title>');
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('never serves a file outside the window folder', async () => {
    expect((await get('/../secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
  });

  it('does not follow a symbolic link out of the window folder', async () => {
    await symlink(join(tmp, 'secret.txt'), join(tmp, 'static', 'link.txt'));
    expect((await get('/link.txt')).status).toBe(404);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example')).status).toBe(421);
  });
});
