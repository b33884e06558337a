import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGraph } from '../../../core/compile/fixture';
import { saveGraph } from '../../../core/graph/load';
import type { CliIO } from '../command';
import { main } from '../main';
import { defaultOut } from './train';
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

describe('seqwire train keeps what a run wrote', () => {
  it('refuses an --out that holds a run unless --resume or --force, and --force replaces it whole', async () => {
    const out = join(dir, 'run-kept');
    expect((await run('train', file, '--epochs', '2', '--out', out, '--backend', 'cpu')).code).toBe(0);
    const before = await readFile(join(out, 'metrics.jsonl'), 'utf8');
    const again = await run('train', file, '--epochs', '1', '--out', out, '--backend', 'cpu');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds .*--resume.*--force/);
    expect(await readFile(join(out, 'metrics.jsonl'), 'utf8')).toBe(before);
    expect(await run('train', file, '--out', out, '--resume', '--force')).toMatchObject({ code: 2, err: expect.stringContaining('choose one of --resume') });
    expect((await run('train', file, '--epochs', '1', '--out', out, '--backend', 'cpu', '--force')).code).toBe(0);
    expect((await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(await readdir(join(out, 'checkpoints'))).toEqual(['epoch-0001', 'latest.json']);
  });

  it('a diverging run ends as diverged and keeps the weights of its last good batch, saying so', async () => {
    const wild = join(dir, 'wild.seqwire.json');
    const g = JSON.parse(await readFile(file, 'utf8'));
    g.training = { ...g.training, optimizer: { type: 'sgd', learningRate: 10 }, validationSplit: 0 };
    await writeFile(wild, JSON.stringify(g));
    const out = join(dir, 'run-wild');
    const r = await run('train', wild, '--epochs', '3', '--out', out, '--backend', 'cpu');
    expect(r.err).toMatch(/training failed/);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/training failed: the loss (diverged|became NaN|became infinite)/);
    const note = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(['diverged', 'failed']).toContain(note.status);
    expect(note.message).toMatch(/keeps the weights of its last good batch/);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
    const input = join(dir, 'one-window.json');
    await writeFile(input, JSON.stringify({ history: [[[0], [0.1], [0.2], [0.3], [0.4], [0.5]]] }));
    expect((await run('predict', out, '--input', input)).code).toBe(0);
  });

  it('a run that fails before any batch says it kept no weights and writes none', async () => {
    const unbound = join(dir, 'unbound.seqwire.json');
    const g = JSON.parse(await readFile(file, 'utf8'));
    g.training = { ...g.training, bindings: { history: 'history', next: 'nope' } };
    await writeFile(unbound, JSON.stringify(g));
    const out = join(dir, 'run-unbound');
    expect((await run('train', unbound, '--out', out, '--backend', 'cpu')).code).toBe(1);
    const note = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(note).toMatchObject({ status: 'failed', message: expect.stringContaining('It kept no weights') });
    expect(existsSync(join(out, 'model.json'))).toBe(false);
  });

  it('trains a shipped template into the current folder, never into assets/templates', () => {
    const template = join(__dirname, '../../../assets/templates/one-to-one.seqwire.json');
    expect(defaultOut(template, '/work/here')).toMatch(/^\/work\/here\/one-to-one\.runs\/\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(defaultOut(join(dir, 'mine.seqwire.json'), '/work/here').startsWith(join(dir, 'mine.runs'))).toBe(true);
  });
});

describe('seqwire train under Ctrl-C', () => {
  it('resumes after SIGINT at any moment to final weights bit-identical to an uninterrupted run', { timeout: 180_000 }, async () => {
    const long = join(dir, 'long.seqwire.json');
    const g = JSON.parse(await readFile(file, 'utf8'));
    g.training = { ...g.training, dataset: { builtin: 'sine', options: { window: 6, count: 384 } }, batchSize: 8, epochs: 6, validationSplit: 0.25, seed: 7 };
    await writeFile(long, JSON.stringify(g));
    const reference = join(dir, 'run-reference');
    expect((await run('train', long, '--out', reference, '--backend', 'cpu', '--json')).code).toBe(0);
    const expected = await readFile(join(reference, 'weights.bin'));
    const bin = join(__dirname, '../../../bin/seqwire.mjs');
    const interrupted: string[] = [];
    // Interrupt points: during epoch 1, just after epoch 1 ended, inside epoch 4 (after `epochs` epoch reports and a delay).
    for (const [epochs, delay] of [[0, 0], [1, 0], [3, 60]]) {
      const out = join(dir, `run-interrupted-${epochs}-${delay}`);
      const child = spawn(process.execPath, [bin, 'train', long, '--out', out, '--backend', 'cpu', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let armed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!armed && stdout.includes('"type":"batch"') && stdout.split('"type":"epoch"').length - 1 >= epochs) {
          armed = true;
          setTimeout(() => child.kill('SIGINT'), delay);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      if (code !== 130) continue; // the run finished before the signal: nothing to resume
      const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(last).toMatchObject({ type: 'done', reason: 'cancelled' });
      // The checkpoint and the run's model are of the same batch.
      const latest = JSON.parse(await readFile(join(out, 'checkpoints', 'latest.json'), 'utf8'));
      expect(await readFile(join(out, 'checkpoints', latest.dir, 'weights.bin'))).toEqual(await readFile(join(out, 'weights.bin')));
      const state = JSON.parse(await readFile(join(out, 'checkpoints', latest.dir, 'state.json'), 'utf8'));
      expect(state.history).toHaveLength(state.epoch);
      interrupted.push(`${state.epoch}+${state.partial?.batches ?? 0}`);
      const resumed = await run('train', long, '--out', out, '--backend', 'cpu', '--resume', '--json');
      expect(resumed.code).toBe(0);
      expect(await readFile(join(out, 'weights.bin'))).toEqual(expected);
      expect((await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(6);
    }
    // At least two distinct interrupt points were exercised.
    expect(new Set(interrupted).size).toBeGreaterThanOrEqual(2);
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
