import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from './command';
import { main } from './main';

const templates = join(__dirname, '../../assets/templates');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seqwire-cli-'));
});

const write = async (name: string, content: unknown) => {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const vectorIntoLstm = {
  format: 'seqwire.graph', version: 1,
  nodes: [
    { id: 'v', type: 'VectorInput', params: { size: 8 } },
    { id: 'rnn', type: 'LSTM', params: { units: 4 } },
    { id: 'y', type: 'Output', params: { head: 'softmax', units: 2 } },
  ],
  edges: [
    { id: 'e1', source: 'v', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'y', targetHandle: 'in' },
  ],
};

describe('seqwire validate', () => {
  it('checks the training section and the node types, suggesting the name meant', async () => {
    const template = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(templates, 'multilayer-stack.seqwire.json'), 'utf8')));
    const typo = { ...template, training: { ...template.training, dataset: { builtin: 'sinus' }, bindings: { ...template.training.bindings, [Object.keys(template.training.bindings)[0]]: 'histry' } } };
    typo.nodes = typo.nodes.map((n: { type: string }) => (n.type === 'Stack' ? { ...n, type: 'Stak' } : n));
    const result = await run('validate', await write('typos.seqwire.json', typo));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/no built-in dataset "sinus"; did you mean "sine"\?/);
    const fixedDataset = { ...typo, training: { ...typo.training, dataset: template.training.dataset } };
    const again = await run('validate', await write('typos2.seqwire.json', fixedDataset));
    expect(again.out).toMatch(/has no field "histry"; did you mean "history"\?/);
    if (template.nodes.some((n: { type: string }) => n.type === 'Stack')) expect(again.out).toMatch(/unknown node type "Stak"; did you mean "Stack"\?/);
  });

  it('exits 0 for every template', async () => {
    for (const file of (await readdir(templates)).filter((f) => f.endsWith('.seqwire.json'))) {
      const result = await run('validate', join(templates, file));
      expect({ file, ...result }).toMatchObject({ file, code: 0 });
    }
  });

  it('exits 1 and prints nodeId: message for an invalid graph', async () => {
    const result = await run('validate', await write('bad.seqwire.json', vectorIntoLstm));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^rnn: .*sequence.*\[8\]/m);
  });

  it('gives the JSON shape scripts rely on', async () => {
    const result = await run('validate', await write('bad2.seqwire.json', vectorIntoLstm), '--json');
    const parsed = JSON.parse(result.out);
    expect(parsed.valid).toBe(false);
    expect(parsed.errors[0]).toEqual({ code: 'shape-mismatch', nodeId: 'rnn', port: 'in', message: expect.any(String) });
    expect(parsed.warnings).toEqual([]);
  });

  it('exits 2 with a message for a missing file, bad JSON, or a newer format', async () => {
    expect(await run('validate', join(dir, 'nope.seqwire.json'))).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
    expect(await run('validate', await write('broken.json', '{"format": '))).toMatchObject({ code: 2, err: expect.stringContaining('not valid JSON') });
    expect(await run('validate', await write('v9.json', { ...vectorIntoLstm, version: 9 }))).toMatchObject({ code: 2, err: expect.stringContaining('newer Seqwire') });
  });

  it('exits 2 on a usage mistake', async () => {
    expect(await run('validate')).toMatchObject({ code: 2, err: expect.stringContaining('missing FILE') });
    expect(await run('validate', 'x', '--colour')).toMatchObject({ code: 2 });
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command') });
  });
});

describe('seqwire summary', () => {
  it('lists every node with its output shapes and parameter count, and the total', async () => {
    const result = await run('summary', join(templates, 'many-to-one.seqwire.json'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/rows\s+SequenceInput\s+out \[28, 28\]\s+0/);
    expect(result.out).toMatch(/reader\s+LSTM\s+out \[128\], h \[128\], c \[128\]\s+80,384/);
    expect(result.out).toMatch(/total parameters: 81,674/);
  });

  it('gives totalParams and per-node outputs as JSON', async () => {
    const result = await run('summary', join(templates, 'stroke-generation.seqwire.json'), '--json');
    const parsed = JSON.parse(result.out);
    // Two LSTM layers of 128 on 5 features, then an mdn head of 20 mixtures (123 values).
    const lstm1 = 4 * (128 * (5 + 128) + 128);
    const lstm2 = 4 * (128 * (128 + 128) + 128);
    const head = 128 * 123 + 123;
    expect(parsed.totalParams).toBe(lstm1 + lstm2 + head);
    expect(parsed.nodes.find((n: { id: string }) => n.id === 'rnn')).toEqual({ id: 'rnn', type: 'Stack', params: lstm1 + lstm2, outputs: { out: [null, 128] } });
  });
});

describe('the seqwire binary', () => {
  it('runs from a clone and reports a user error without a stack trace', async () => {
    const bin = join(__dirname, '../../bin/seqwire.mjs');
    const result = await promisify(execFile)(process.execPath, [bin, 'validate', join(dir, 'missing.json')]).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read');
    expect(result.stderr).not.toMatch(/\s+at\s+\S+ \(/);
  });
});

describe('seqwire datasets', () => {
  it('documents every built-in and file format with its fields', async () => {
    const result = await run('datasets');
    expect(result.code).toBe(0);
    for (const name of ['hershey-strokes', 'mnist-rows', 'addition', 'sine', 'frames', 'captions', 'csv', 'quickdraw-ndjson', 'text', 'pairs-tsv']) {
      expect(result.out).toContain(`  ${name}: `);
    }
    expect(result.out).toMatch(/strokesOut \[maxLength, 5\] float/);
  });

  it('shows one entry as JSON, and names the known ones for an unknown name', async () => {
    const one = JSON.parse((await run('datasets', 'pairs-tsv', '--json')).out);
    expect(one).toHaveLength(1);
    expect(one[0].fields.map((f: { name: string }) => f.name)).toEqual(['source', 'targetIn', 'target']);
    expect(await run('datasets', 'imagenet')).toMatchObject({ code: 2, err: expect.stringContaining('known: hershey-strokes') });
  });
});
