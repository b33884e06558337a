import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compile/compile';
import { makeGraph } from '../../../core/compile/fixture';
import { modelToFiles, WEIGHTS_FILE } from '../../../core/export/tfjs-files';
import { saveGraph } from '../../../core/graph/load';
import type { Graph } from '../../../core/graph/schema';
import { selectBackend } from '../../backend/select';
import type { CliIO } from '../command';
import { main } from '../main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
/** A run folder as `seqwire train` leaves it (untrained weights are enough to test the plumbing). */
async function runFolder(name: string, graph: Graph): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  const files = await modelToFiles(compileGraph(graph).model);
  await writeFile(join(path, 'model.json'), JSON.stringify(files.modelJson));
  await writeFile(join(path, WEIGHTS_FILE), files.weightData);
  await writeFile(join(path, 'graph.seqwire.json'), saveGraph(graph));
  return path;
}

const strokes = makeGraph(
  { strokes: ['SequenceInput', { timesteps: null, features: 5, feedback: 'pen' }], rnn: ['LSTM', { units: 8, returnSequences: true }], pen: ['Output', { head: 'mdn', mixtures: 2 }] },
  ['strokes.out -> rnn.in', 'rnn.out -> pen.in'],
);
const classifier = makeGraph(
  { rows: ['SequenceInput', { timesteps: 3, features: 2 }], rnn: ['GRU', { units: 4 }], label: ['Output', { head: 'softmax', units: 3 }] },
  ['rows.out -> rnn.in', 'rnn.out -> label.in'],
);

/** Draws the digit it is asked for: the digit's embedding starts the LSTM (hershey-strokes' labelIn). */
const conditional: Graph = {
  ...makeGraph(
    {
      digit: ['TokenInput', { timesteps: 1, vocabSize: 10 }],
      embed: ['Embedding', { vocabSize: 10, dim: 4 }],
      flat: ['Flatten'],
      state: ['Dense', { units: 8, activation: 'tanh' }],
      strokes: ['SequenceInput', { timesteps: null, features: 5, feedback: 'pen' }],
      rnn: ['LSTM', { units: 8, returnSequences: true }],
      pen: ['Output', { head: 'mdn', mixtures: 2 }],
    },
    ['digit.out -> embed.in', 'embed.out -> flat.in', 'flat.out -> state.in', 'state.out -> rnn.h0', 'state.out -> rnn.c0', 'strokes.out -> rnn.in', 'rnn.out -> pen.in'],
  ),
  training: { dataset: { builtin: 'hershey-strokes', options: { count: 20 } }, bindings: { digit: 'labelIn', strokes: 'strokesIn', pen: 'strokesOut' } },
};

let strokeRun: string;
let classifierRun: string;
let conditionalRun: string;
beforeAll(async () => {
  await selectBackend();
  dir = await mkdtemp(join(tmpdir(), 'seqwire-model-cli-'));
  strokeRun = await runFolder('strokes-run', strokes);
  classifierRun = await runFolder('classifier-run', classifier);
  conditionalRun = await runFolder('conditional-run', conditional);
});

describe('seqwire generate', () => {
  it('draws N stroke samples into an SVG sheet', async () => {
    const svg = join(dir, 'sheet.svg');
    const r = await run('generate', strokeRun, '--n', '4', '--max-steps', '20', '--seed', '2', '--svg', svg);
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote 4 drawings');
    const text = await readFile(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/<g /g)).toHaveLength(4);
  });

  it('prints stroke-5 steps as JSON, each sample stopped by its end or by --max-steps', async () => {
    const r = await run('generate', strokeRun, '--n', '2', '--max-steps', '7', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.kind).toBe('strokes');
    expect(out.drawings).toHaveLength(2);
    for (const [i, d] of out.drawings.entries()) {
      expect(d.stroke5.length).toBeLessThanOrEqual(7);
      expect(d.stroke5.every((s: number[]) => s.length === 5)).toBe(true);
      if (out.stopped[i] === 'end') expect(d.stroke5.at(-1)[4]).toBe(1);
    }
  });

  it('asks a class-conditional model for the digit given with --condition, and says so under each drawing', async () => {
    const r = await run('generate', conditionalRun, '--condition', 'digit=3', '--n', '2', '--max-steps', '5', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).drawings.map((d: { asked?: string }) => d.asked)).toEqual(['3', '3']);
    const svg = join(dir, 'threes.svg');
    expect((await run('generate', conditionalRun, '--condition', 'digit=7', '--n', '2', '--max-steps', '5', '--svg', svg)).code).toBe(0);
    expect(await readFile(svg, 'utf8')).toContain('asked 7,');
    const wrong = await run('generate', conditionalRun, '--condition', 'digit=x', '--max-steps', '5');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/"x" is not in the vocabulary \(0123456789\)/);
    expect((await run('generate', conditionalRun, '--condition', 'digit')).err).toMatch(/--condition takes ID=TEXT/);
  });

  it('refuses bad numbers and a model without feedback or inputs, with exit codes and no stack', async () => {
    expect((await run('generate', strokeRun, '--temperature', 'hot')).code).toBe(2);
    const r = await run('generate', classifierRun);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/input "rows" has no feedback/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect((await run('generate', join(dir, 'nowhere'))).err).toMatch(/is not a run folder/);
  });
});

describe('seqwire predict', () => {
  it('runs the model on JSON inputs keyed by input id and prints outputs keyed by Output id', async () => {
    const input = join(dir, 'rows.json');
    await writeFile(input, JSON.stringify({ rows: [[[1, 2], [3, 4], [5, 6]], [[0, 0], [0, 0], [0, 0]]] }));
    const r = await run('predict', classifierRun, '--input', input, '--json');
    expect(r.code).toBe(0);
    const { outputs } = JSON.parse(r.out);
    expect(outputs.label).toHaveLength(2);
    for (const p of outputs.label) expect(p.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('prints a per-step classifier\'s answer as class names, a name per step, and keeps the probabilities in --json', async () => {
    const labeller = makeGraph(
      { frames: ['SequenceInput', { timesteps: null, features: 16 }], rnn: ['GRU', { units: 4, returnSequences: true }], labels: ['Output', { head: 'softmax', units: 4 }] },
      ['frames.out -> rnn.in', 'rnn.out -> labels.in'],
    );
    labeller.training = { dataset: { builtin: 'frames', options: { steps: 5, size: 4, count: 10 } }, bindings: { frames: 'frames', labels: 'labels' } };
    const runDir = await runFolder('labeller-run', labeller);
    const input = join(dir, 'frames.json');
    await writeFile(input, JSON.stringify({ frames: [Array.from({ length: 5 }, (_, t) => Array.from({ length: 16 }, (_, p) => (p === t ? 1 : 0)))] }));
    const r = await run('predict', runDir, '--input', input);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^labels:\n {2}((left|right|up|down) ){4}(left|right|up|down)$/);
    const json = JSON.parse((await run('predict', runDir, '--input', input, '--json')).out);
    expect(json.outputs.labels[0]).toHaveLength(5);
    expect(json.labels.labels[0].join(' ')).toBe(r.out.split('\n')[1].trim());
  });

  it('names a missing input, a wrong shape and an unknown key', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /no values for input "rows"/],
      [{ rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] }, /input "rows" \(\[3, 2\]\): found examples of shape \[3, 3\]/],
      [{ rows: [[1, 2], [3, 4], [5, 6]], extra: [1] }, /"extra" is not an input/],
    ];
    for (const [body, message] of cases) {
      const input = join(dir, 'bad.json');
      await writeFile(input, JSON.stringify(body));
      const r = await run('predict', classifierRun, '--input', input);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});

describe('seqwire export and import', () => {
  it('--keras writes a script that compiles and weights numpy reads', async () => {
    const script = join(dir, 'keras', 'strokes.py');
    const r = await run('export', strokeRun, '--keras', script);
    expect(r.code).toBe(0);
    execFileSync('python3', ['-m', 'py_compile', script]);
    const report = JSON.parse(execFileSync('python3', [script, '--check-weights'], { encoding: 'utf8' }));
    expect(report.total).toBe(report.expected);
  });

  it('--tfjs writes files that import back into a graph and a run that predicts the same', async () => {
    const out = join(dir, 'tfjs-classifier');
    expect((await run('export', classifierRun, '--tfjs', out)).code).toBe(0);
    const graphPath = join(dir, 'imported', 'classifier.seqwire.json');
    const r = await run('import', join(out, 'model.json'), '-o', graphPath);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'imported', 'classifier.run', 'model.json'))).toBe(true);
    const input = join(dir, 'rows2.json');
    await writeFile(input, JSON.stringify({ rows: [[[1, 2], [3, 4], [5, 6]]] }));
    const before = JSON.parse((await run('predict', classifierRun, '--input', input, '--json')).out).outputs.label;
    const after = JSON.parse((await run('predict', join(dir, 'imported', 'classifier.run'), '--input', input, '--json')).out).outputs.label;
    expect(after[0].map((v: number, i: number) => Math.abs(v - before[0][i]))).toEqual([expect.closeTo(0, 6), expect.closeTo(0, 6), expect.closeTo(0, 6)]);
  });

  it('import of a model Seqwire exported keeps its graph (mdn head, feedback), so generate works on the imported run', async () => {
    const out = join(dir, 'tfjs-strokes');
    expect((await run('export', strokeRun, '--tfjs', out)).code).toBe(0);
    const graphPath = join(dir, 'imported', 'strokes.seqwire.json');
    const r = await run('import', join(out, 'model.json'), '-o', graphPath);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/graph came from graph.seqwire.json/);
    const graph = JSON.parse(await readFile(graphPath, 'utf8'));
    expect(graph.nodes.find((n: { id: string }) => n.id === 'pen')).toMatchObject({ type: 'Output', params: { head: 'mdn' } });
    expect(graph.nodes.find((n: { id: string }) => n.id === 'strokes').params.feedback).toBe('pen');
    const svg = join(dir, 'imported-sheet.svg');
    const g = await run('generate', join(dir, 'imported', 'strokes.run'), '--n', '2', '--max-steps', '5', '--svg', svg);
    // Notes only (an untrained model's drawing may go on to --max-steps, since none ends within its first steps).
    expect(g.err.split('\n').filter((line) => line && !line.startsWith('note:'))).toEqual([]);
    expect(g.code).toBe(0);
    const note = JSON.parse(await readFile(join(dir, 'imported', 'strokes.run', 'run.json'), 'utf8'));
    expect(note).toMatchObject({ status: 'done', source: join(out, 'model.json') });
  });

  it('import names each layer it does not know on a line, writes the rest of the graph and exits 1', async () => {
    const model = tf.sequential({ layers: [tf.layers.lstm({ units: 2, inputShape: [5, 1], returnSequences: true, name: 'rnn' }), tf.layers.layerNormalization({ name: 'norm' }), tf.layers.dense({ units: 2, name: 'y' })] });
    const files = await modelToFiles(model);
    const path = join(dir, 'norm.json');
    await writeFile(path, JSON.stringify({ ...files.modelJson, weightsManifest: undefined }));
    const r = await run('import', path, '-o', join(dir, 'x.seqwire.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^not imported: norm: LayerNormalization is not a layer Seqwire knows$/m);
    expect(JSON.parse(await readFile(join(dir, 'x.seqwire.json'), 'utf8')).nodes.map((n: { id: string }) => n.id)).toEqual(['rnn_input', 'rnn', 'y']);
  });

  it('import takes a tfjs model.json whose weights are not beside it as a topology, with a note', async () => {
    const model = tf.sequential({ layers: [tf.layers.gru({ units: 2, inputShape: [5, 1], name: 'rnn' }), tf.layers.dense({ units: 2, name: 'y' })] });
    const files = await modelToFiles(model);
    const path = join(dir, 'alone', 'model.json');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(files.modelJson));
    const r = await run('import', path, '-o', join(dir, 'alone.seqwire.json'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/names the weights file "\.\/weights\.bin", which is not beside it, so only the topology was imported: the graph starts untrained/);
    expect(existsSync(join(dir, 'alone.run'))).toBe(false);
  });

  it('join makes one seq2seq graph and run folder of an encoder and a decoder saved apart', async () => {
    const corpus = join(__dirname, 'import-corpus', 'join');
    const r = await run('join', join(corpus, 'encoder.h5'), join(corpus, 'decoder.h5'), '-o', join(dir, 'joined.seqwire.json'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/note: joined: encoder\.h -> input_3, encoder\.c -> input_4/);
    expect(existsSync(join(dir, 'joined.run', 'model.json'))).toBe(true);
    const wrong = await run('join', join(corpus, 'decoder.h5'), join(corpus, 'encoder.h5'), '-o', join(dir, 'wrong.seqwire.json'));
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/gives 2 values \(output_1, output_2\) but the decoder "encoder_model" takes 0 initial states/);
  });

  it('import refuses weights a model.json names outside its folder', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'y' })] });
    const files = await modelToFiles(model);
    const path = join(dir, 'escape', 'model.json');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify({ ...files.modelJson, weightsManifest: [{ ...files.modelJson.weightsManifest![0], paths: ['../secret.bin'] }] }));
    const r = await run('import', path, '-o', join(dir, 'escape.seqwire.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/names the weights file "\.\.\/secret\.bin", which is not in the model\.json's folder/);
  });
});

describe('seqwire probe', () => {
  it('prints where each glimpse looked and the class it points to after each, with the sample\'s true label', async () => {
    const graph: Graph = {
      ...makeGraph(
        { canvas: ['ImageInput', { height: 40, width: 40, channels: 1 }], glimpses: ['Glimpse', { units: 8, glimpses: 3, grid: 4 }], digit: ['Output', { head: 'softmax', units: 10 }] },
        ['canvas.out -> glimpses.in', 'glimpses.out -> digit.in'],
      ),
      training: { dataset: { builtin: 'mnist-translated', options: { count: 30, canvas: 40 } }, bindings: { canvas: 'image', digit: 'label' }, validationSplit: 0.2, seed: 1 },
    };
    const path = await runFolder('glimpse-run', graph);
    const r = await run('probe', path, '--sample', '1', '--node', 'glimpses');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}target digit \(label\): \d$/m);
    expect(r.out).toContain('glimpses: 3 glimpses of 4 x 4 filters on [40, 40, 1]');
    // Untrained, the first glimpse spans the canvas: centred one pixel past the middle (DRAW's convention), 4 strides of 13 px.
    expect(r.out).toMatch(/^ {4}1: centre \(21\.0, 21\.0\), 52\.0 wide, blur 1\.00, gain 1\.00; digit \d \(\d+%\)$/m);
    expect(r.out.match(/^ {4}\d: centre/gm)).toHaveLength(3);
  });
});
