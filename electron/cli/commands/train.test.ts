import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGraph } from '../../../core/compile/fixture';
import { saveGraph } from '../../../core/graph/load';
import type { CliIO } from '../command';
import { main } from '../main';
import { formatDuration } from './train-progress';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seqwire-train-cli-'));
  const g = makeGraph(
    { history: ['SequenceInput', { timesteps: 6, features: 1 }], rnn: ['LSTM', { units: 5 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  g.training = { dataset: { builtin: 'sine', options: { window: 6, count: 64 } }, bindings: { history: 'history', next: 'next' }, batchSize: 16, epochs: 3, validationSplit: 0.25, seed: 2 };
  file = join(dir, 'wave.seqwire.json');
  await writeFile(file, saveGraph(g));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await main(argv, io);
  return { code, out, err: err.join('\n') };
}

describe('seqwire train', () => {
  it('prints JSON lines of the events with --json and writes the run folder', async () => {
    const out = join(dir, 'run-json');
    const r = await run('train', file, '--epochs', '2', '--out', out, '--backend', 'cpu', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const events = r.out.map((l) => JSON.parse(l) as { type: string });
    expect(events[0]).toMatchObject({ type: 'started', backend: 'cpu' });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'completed', epochs: 2, outDir: out });
    expect(await readdir(out)).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'metrics.jsonl', 'graph.seqwire.json', 'checkpoints']));
  });

  it('prints a line per epoch and where it wrote, without --json', async () => {
    const out = join(dir, 'run-text');
    const r = await run('train', file, '--epochs', '1', '--out', out, '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^training on the cpu backend, 64 samples/);
    expect(r.out[1]).toMatch(/^epoch 1\/1 {2}loss \d+\.\d{4} {2}val \d+\.\d{4} {2}\d+ samples\/s/);
    expect(r.out.at(-1)).toBe(`wrote ${out}: model.json, weights.bin, metrics.jsonl, graph.seqwire.json, checkpoints/`);
  });

  it('refuses bad options with exit code 2 and the reason', async () => {
    expect(await run('train', file, '--epochs', 'zero')).toMatchObject({ code: 2, err: expect.stringContaining('--epochs must be a whole number') });
    expect(await run('train', file, '--backend', 'gpu')).toMatchObject({ code: 2, err: expect.stringContaining('--backend must be one of node, wasm, cpu') });
    expect(await run('train', file, '--resume')).toMatchObject({ code: 2, err: expect.stringContaining('--resume needs --out') });
  });

  it('exits 1 with the message when the graph cannot train', async () => {
    const bad = join(dir, 'untrained.seqwire.json');
    const g = makeGraph({ x: ['SequenceInput', { timesteps: 3, features: 1 }], r: ['GRU', { units: 2 }], y: ['Output', { head: 'linear', units: 1 }] }, ['x.out -> r.in', 'r.out -> y.in']);
    await writeFile(bad, saveGraph(g));
    const r = await run('train', bad, '--out', join(dir, 'run-bad'), '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^training failed: the graph has no training.dataset/);
  });

  it('on Ctrl-C writes a checkpoint and exits 130; --resume goes on from it', async () => {
    const out = join(dir, 'run-sigint');
    const bin = join(__dirname, '../../../bin/seqwire.mjs');
    const child = spawn(process.execPath, [bin, 'train', file, '--epochs', '50', '--out', out, '--backend', 'cpu', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.includes('"type":"checkpoint"')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(code).toBe(130);
    expect(last).toMatchObject({ type: 'done', reason: 'cancelled' });
    expect(last.epochs).toBeGreaterThanOrEqual(1);
    expect(last.epochs).toBeLessThan(50);
    const latest = JSON.parse(await readFile(join(out, 'checkpoints', 'latest.json'), 'utf8'));
    expect(latest.epoch).toBe(last.epochs);

    const resumed = await run('train', file, '--epochs', String(last.epochs + 1), '--out', out, '--backend', 'cpu', '--resume', '--json');
    expect(resumed.code).toBe(0);
    const events = resumed.out.map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'started', resumedFromEpoch: last.epochs });
    expect(events.filter((e) => e.type === 'epoch').map((e) => e.epoch)).toEqual([last.epochs + 1]);
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
