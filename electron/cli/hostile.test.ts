import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from './command';
import { main } from './main';

/** Hostile files given to the command line: clear messages and the documented exit codes, never a stack trace. */

const BIN = join(__dirname, '../../bin/seqwire.mjs');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seqwire-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const base = {
  format: 'seqwire.graph',
  version: 1,
  nodes: [
    { id: 'seq', type: 'SequenceInput', params: { timesteps: 4, features: 1 } },
    { id: 'rnn', type: 'GRU', params: { units: 3 } },
    { id: 'y', type: 'Output', params: { head: 'linear', units: 1 } },
  ],
  edges: [
    { id: 'e1', source: 'seq', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'y', targetHandle: 'in' },
  ],
};
const write = async (name: string, content: unknown) => {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('exit codes of validate', () => {
  it('gives diagnostics and exit 1 for wrong-typed and out-of-range training options', async () => {
    for (const optimizer of [{ type: 'adam', learningRate: 'abc' }, { type: 'adam', learningRate: -1 }]) {
      const r = await run('validate', await write('lr.json', { ...base, training: { optimizer } }));
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^\(graph\): training\.optimizer\.learningRate: /m);
    }
  });

  it('gives exit 1 for params named after Object.prototype members, which no node has', async () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      const nodes = base.nodes.map((n) => (n.id === 'rnn' ? { ...n, params: JSON.parse(`{"units":3,"${name}":1}`) } : n));
      const r = await run('validate', await write('proto.json', { ...base, nodes }));
      expect(r.code, name).toBe(1);
      expect(r.out).toContain(`rnn: unknown param "${name}"`);
    }
  });

  it('refuses a key named __proto__ with a sentence (exit 2), so it cannot vanish or set a prototype', async () => {
    const text = JSON.stringify(base).replace('"units":3', '"units":3,"__proto__":{"units":99}');
    const r = await run('validate', await write('proto-key.json', text));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/has a key named "__proto__" in nodes\[1\]\.params/) });
  });

  it('gives exit 2 with a sentence for 100,000-deep nesting, not a stack overflow', async () => {
    const deep = '{"x":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const text = JSON.stringify(base).replace('"units":3', `"units":3,"junk":${deep}`);
    const r = await run('validate', await write('deep.json', text));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nested more than 100 levels deep at nodes\[1\]\.params\.junk/);
  });

  it('answers a Seqwire graph with a malformed field or a duplicated id with exit 1, and what is not one with exit 2', async () => {
    const badEdge = await run('validate', await write('edge.json', { ...base, edges: [{ id: 'e1', source: 'seq' }] }));
    expect(badEdge).toMatchObject({ code: 1, err: expect.stringMatching(/^invalid \S+edge\.json: the file does not match the Seqwire graph format/) });
    const twice = await run('validate', await write('twice.json', { ...base, nodes: [...base.nodes, base.nodes[0]] }));
    expect(twice).toMatchObject({ code: 1, err: expect.stringContaining('the id "seq" is used by more than one node') });
    expect((await run('validate', await write('other.json', { format: 'other', version: 1 }))).code).toBe(2);
    expect((await run('validate', await write('text.json', 'not json'))).code).toBe(2);
  });

  it('refuses a FIFO as the graph at once with exit 2', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const r = await run('validate', join(dir, 'pipe.json'));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/pipe\.json: it is a pipe \(FIFO\), not a file/) });
  });

  it('says in words when a path runs through a file', async () => {
    const file = await write('plain.json', base);
    const r = await run('validate', join(file, 'inside.json'));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/a part of the path is a file, not a folder$/) });
  });
});

describe('seqwire import', () => {
  it('refuses /dev/zero as a weight shard at once, without reading it (exit 2)', async () => {
    const model = await write('zero-model.json', { modelTopology: {}, weightsManifest: [{ paths: ['/dev/zero'], weights: [{ name: 'w', shape: [1 << 28], dtype: 'float32' }] }] });
    const before = process.memoryUsage().rss;
    const r = await run('import', model, '-o', join(dir, 'out.seqwire.json'));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/names the weights file "\/dev\/zero", which is not in the model\.json's folder/) });
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });
});

describe('system errors', () => {
  it('are sentences with exit 2, never EEXIST or ENOTDIR with a stack', async () => {
    const blocker = await write('blocker', 'a file where a folder should be');
    const r = await run('validate', join(blocker, 'x.json'));
    expect(r.code).toBe(2);
    const { graph } = { graph: await write('valid.json', base) };
    const out = await run('summary', graph, '--json');
    expect(out.code).toBe(0);
    const { describeSystemError } = await import('../data/system-errors');
    const eexist = Object.assign(new Error("EEXIST: file already exists, mkdir '/x/y'"), { code: 'EEXIST', syscall: 'mkdir', path: '/x/y' });
    expect(describeSystemError(eexist)).toBe('cannot create the folder /x/y: a file of that name is in the way');
    expect(describeSystemError(new Error('plain'))).toBeNull();
  });

  it('from seqwire import writing under a file are a sentence (exit 2)', async () => {
    const tensor = (layer: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 7, 2], dtype: 'float32', keras_history: [layer, 0, 0] } });
    const model = await write('keras.json', {
      module: 'keras',
      class_name: 'Functional',
      config: {
        name: 'k3',
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 7, 2], dtype: 'float32', name: 'x' }, name: 'x', inbound_nodes: [] },
          { module: 'keras.layers', class_name: 'GRU', config: { name: 'gru', units: 5, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, reset_after: false }, name: 'gru', inbound_nodes: [{ args: [tensor('x')], kwargs: { training: false } }] },
          { module: 'keras.layers', class_name: 'Dense', config: { name: 'y', units: 1, activation: 'linear', use_bias: true }, name: 'y', inbound_nodes: [{ args: [tensor('gru')], kwargs: {} }] },
        ],
        input_layers: ['x', 0, 0],
        output_layers: ['y', 0, 0],
      },
    });
    const blocker = await write('blocker2', 'x');
    const r = await run('import', model, '-o', join(blocker, 'sub', 'out.seqwire.json'));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/^cannot create the folder \S*blocker2(\/sub)?: a part of the path is a file, not a folder$/) });
  });
});

describe('the terminal', () => {
  it('stops quietly when the reader of a pipe goes away (EPIPE)', async () => {
    const nodes = Array.from({ length: 3000 }, (_, i) => ({ id: `node-${i}`, type: 'Nope' }));
    const big = await write('big.json', { ...base, nodes });
    const { stderr } = await new Promise<{ stderr: string }>((done) => {
      execFile('sh', ['-c', `node ${JSON.stringify(BIN)} validate ${JSON.stringify(big)} --json | head -c 50 >/dev/null`], (_err, _out, stderr) => done({ stderr }));
    });
    expect(stderr).toBe('');
  }, 30_000);

  it('never prints raw escape codes from a file', async () => {
    const nodes = base.nodes.map((n) => (n.id === 'rnn' ? { ...n, type: '\u001b]0;pwned\u0007\u001b[2J' } : n));
    const path = await write('ansi.json', { ...base, nodes });
    const output = await new Promise<string>((done) => {
      execFile('node', [BIN, 'validate', path], (_err, out, err) => done(out + err));
    });
    expect(output).toContain('unknown node type "\\u001b]0;pwned\\u0007\\u001b[2J"');
    expect(output).not.toContain('\u001b');
    expect(await readFile(path, 'utf8')).toContain('\\u001b');
  }, 30_000);
});
