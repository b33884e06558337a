import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { makeGraph } from '../../core/compile/fixture';
import type { Graph } from '../../core/graph/schema';
import { createHost, type Host } from '../host/host';
import { modelServices } from '../host/model-services';
import { createTrainingService } from '../training/service';
import { startWebServer, type WebServer } from './server';

/**
 * What an attacker holding a valid browser-mode token tries, through the
 * real server on 127.0.0.1: every way out of the project folder is refused
 * with a clear message, the refusal does not tell what exists outside, and
 * the server's memory stays bounded.
 */

const TOKEN = 'escape-test-token-0123456789';
const SECRET = '7771234567';
let tmp: string;
let root: string;
let outside: string;
let server: WebServer;
let host: Host;
let ws: WebSocket;
let nextId = 1;
const ended: { name: string; payload: unknown }[] = [];
let onEnd: (() => void) | null = null;

type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

function ask(name: string, payload: unknown): Promise<Reply> {
  const id = nextId++;
  return new Promise((done) => {
    const listen = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number; reply?: Reply };
      if (message.type === 'reply' && message.id === id) {
        ws.off('message', listen);
        done(message.reply as Reply);
      }
    };
    ws.on('message', listen);
    ws.send(JSON.stringify({ type: 'request', id, token: TOKEN, name, payload }));
  });
}

function getIndex(): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Resident memory in MB, after a collection when the test runs with --expose-gc. */
function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1e6;
}

const sine = (): Graph => {
  const graph = makeGraph(
    { history: ['SequenceInput', { timesteps: 4, features: 1 }], rnn: ['GRU', { units: 3 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  graph.training = { dataset: { builtin: 'sine', options: { window: 4, count: 16 } }, bindings: { history: 'history', next: 'next' }, batchSize: 8, epochs: 1 };
  return graph;
};
const withFile = (file: string): Graph => {
  const graph = sine();
  graph.training = { ...graph.training, dataset: { file, format: 'csv', options: { window: 4, inputs: ['a'], targets: ['a'] } }, bindings: { history: 'inputs', next: 'targets' } };
  return graph;
};
const fail = (reply: Reply) => {
  if (reply.ok) throw new Error(`expected a refusal, got ${JSON.stringify(reply.result).slice(0, 200)}`);
  return reply.error;
};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'seqwire-escape-'));
  root = join(tmp, 'project');
  outside = join(tmp, 'elsewhere');
  await mkdir(root);
  await mkdir(outside);
  await mkdir(join(tmp, 'static'));
  await writeFile(join(tmp, 'static', 'index.html'), '<!doctype html><title>Seqwire</title>');
  const rows = Array.from({ length: 40 }, (_, i) => `${SECRET}${i}`).join('\n');
  await writeFile(join(outside, 'secret.csv'), `a\n${rows}\n`);
  await writeFile(join(outside, 'secret.bin'), Buffer.alloc(16));
  server = await startWebServer({
    staticDir: join(tmp, 'static'),
    port: 0,
    token: TOKEN,
    handlers: (emit) => {
      host = createHost({
        kind: 'browser', version: '0', dataDir: join(tmp, '.data'), assetsDir: tmp, projectRoot: root, dialogs: null,
        services: { training: createTrainingService({ inProcess: true }), ...modelServices() },
        emit: (name, payload) => {
          emit(name, payload);
          if (name === 'trainingDone' || name === 'trainingError') {
            ended.push({ name, payload });
            onEnd?.();
          }
        },
      });
      return host.handlers;
    },
  });
  ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${TOKEN}`);
  await new Promise((done, failed) => {
    ws.once('open', done);
    ws.once('error', failed);
  });
}, 30_000);

afterAll(async () => {
  ws?.terminate();
  await host?.dispose();
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Starts a run and waits for its end event. */
async function trainToEnd(graph: Graph, project: string, overrides: Record<string, unknown> = {}) {
  const done = new Promise<void>((resolve) => (onEnd = resolve));
  const reply = await ask('startTraining', { graph, project, overrides: { backend: 'cpu', ...overrides } });
  if (!reply.ok) return { reply, end: null };
  await done;
  return { reply, end: ended.at(-1) ?? null };
}

describe('importModel through browser mode', () => {
  it('refuses /dev/zero as a weight shard without reading it, the server staying small and up', async () => {
    const before = rssMb();
    const model = join(root, 'zero.json');
    await writeFile(model, JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['/dev/zero'], weights: [{ name: 'w', shape: [1 << 28], dtype: 'float32' }] }] }));
    const error = fail(await ask('importModel', { path: model }));
    expect(error).toMatchObject({ code: 'bad-file', message: expect.stringContaining('"/dev/zero", which is not in the model.json\'s folder') });
    await symlink('/dev/zero', join(root, 'zero.bin'));
    await writeFile(model, JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['zero.bin'], weights: [{ name: 'w', shape: [1 << 28], dtype: 'float32' }] }] }));
    expect(fail(await ask('importModel', { path: model })).message).toMatch(/"zero\.bin", which is not in the model\.json's folder/);
    expect(rssMb() - before).toBeLessThan(200);
    expect(await getIndex()).toBe(200);
  });

  it('answers an outside shard the same whether it exists or not', async () => {
    const model = join(root, 'leak.json');
    const messages: string[] = [];
    for (const shard of ['../elsewhere/secret.bin', '../elsewhere/missing.bin']) {
      await writeFile(model, JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: [shard], weights: [{ name: 'w', shape: [4], dtype: 'float32' }] }] }));
      messages.push(fail(await ask('importModel', { path: model })).message.replace(shard, 'SHARD'));
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).not.toMatch(/which is not beside it$/);
  });

  it('refuses a model.json that is a FIFO at once', async () => {
    execFileSync('mkfifo', [join(root, 'pipe.json')]);
    expect(fail(await ask('importModel', { path: join(root, 'pipe.json') })).message).toMatch(/it is a pipe \(FIFO\), not a file/);
  });
});

describe('datasets through browser mode', () => {
  it('refuses a link in the project folder that leads to an outside file', async () => {
    await symlink(join(outside, 'secret.csv'), join(root, 'data-link.csv'));
    const project = join(root, 'linked.seqwire.json');
    const graph = withFile('data-link.csv');
    expect((await ask('saveAs', { graph, path: project })).ok).toBe(true);
    const { reply } = await trainToEnd(graph, project);
    expect(fail(reply)).toMatchObject({ code: 'refused-path', message: expect.stringContaining('data-link.csv') });
  });

  it('refuses /dev/zero and a FIFO as datasets with a sentence, not a hang or a crash', async () => {
    const project = join(root, 'zero.seqwire.json');
    expect(fail((await trainToEnd(withFile('/dev/zero'), project)).reply).code).toBe('refused-path');
    execFileSync('mkfifo', [join(root, 'pipe.csv')]);
    const { reply, end } = await trainToEnd(withFile('pipe.csv'), project);
    expect(reply.ok).toBe(true);
    expect(end).toMatchObject({ name: 'trainingError', payload: { event: { message: expect.stringMatching(/pipe\.csv: it is a pipe \(FIFO\), not a file/) } } });
  }, 30_000);

  it('gives no values of an outside file after saveAs put a graph naming it into a run folder', async () => {
    const project = join(root, 'sine.seqwire.json');
    expect((await ask('saveAs', { graph: sine(), path: project })).ok).toBe(true);
    const { reply, end } = await trainToEnd(sine(), project);
    expect(end?.name).toBe('trainingDone');
    const { runId, dir } = (reply as { result: { runId: string; dir: string } }).result;
    // The attack: overwrite the run's graph with one whose dataset is outside, then ask for samples.
    expect((await ask('saveAs', { graph: withFile(join(outside, 'secret.csv')), path: join(dir, 'graph.seqwire.json') })).ok).toBe(true);
    for (const name of ['previewSamples', 'generate']) {
      const answer = await ask(name, { run: { project, runId }, ...(name === 'previewSamples' ? { count: 3 } : { n: 1 }) });
      expect(JSON.stringify(answer)).not.toContain(SECRET);
      if (name === 'previewSamples') expect(fail(answer).message).toMatch(/secret\.csv": not inside the project's folder/);
    }
  }, 60_000);
});

describe('resumeFrom through browser mode', () => {
  it('refuses a resumeFrom outside the runs folder the same whether it exists or not', async () => {
    const project = join(root, 'sine.seqwire.json');
    const messages: string[] = [];
    for (const resume of [outside, join(outside, 'missing'), '../../elsewhere', '/etc']) {
      const error = fail((await trainToEnd(sine(), project, { resumeFrom: resume })).reply);
      expect(error.code).toBe('refused-path');
      messages.push(error.message.replace(JSON.stringify(resume), 'X'));
    }
    expect(new Set(messages).size).toBe(1);
    expect(messages[0]).toMatch(/not a run of this project/);
  });
});

describe('payloads the host bounds', () => {
  it('refuses a 200,000-node graph at once, GET / still answered', async () => {
    const nodes = Array.from({ length: 200_000 }, (_, i) => ({ id: `n${i}`, type: 'Dense', params: { units: 4 } }));
    const started = Date.now();
    const [reply, status] = await Promise.all([ask('validate', { graph: { format: 'seqwire.graph', version: 1, nodes, edges: [] } }), getIndex()]);
    expect(fail(reply)).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/200000 nodes; Seqwire accepts at most 5000/) });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a 100,000-deep param with a sentence, not a stack overflow', async () => {
    const deep = '{"x":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const text = `{"type":"request","id":${nextId++},"token":"${TOKEN}","name":"validate","payload":{"graph":{"format":"seqwire.graph","version":1,"nodes":[{"id":"a","type":"Dense","params":{"units":4,"junk":${deep}}}],"edges":[]}}}`;
    const reply = await new Promise<Reply>((done) => {
      ws.once('message', (data) => done((JSON.parse(data.toString()) as { reply: Reply }).reply));
      ws.send(text);
    });
    expect(fail(reply)).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/nested more than 100 levels deep at graph\.nodes\[0\]\.params\.junk/) });
    expect(await getIndex()).toBe(200);
  });
});
