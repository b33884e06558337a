import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../../core/compile/fixture';
import type { CompiledModel } from '../../core/compile/types';
import { createRng } from '../../core/random';
import type { Graph } from '../../core/graph/schema';
import { NODE_SPECS } from '../../core/nodes/registry';
import { Rng, withSeededRandom } from '../../core/train/random';
import { compileSeeded } from '../../core/train/train-graph';
import { selectBackend } from './select';

/**
 * Every node type computes the same forward pass and the same gradient step
 * on the WebAssembly backend as on the CPU backend. Each graph starts from the
 * CPU run's initial weights, so only the kernels differ.
 */
type Case = [string, Graph];
const T = 5;
const g = makeGraph;
const CASES: Case[] = [
  ['SimpleRNN on a sequence, linear head', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], r: ['SimpleRNN', { units: 4 }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
  ['LSTM per step, softmax head on ids', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], r: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
  ['bidirectional GRU, sigmoid head', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], r: ['GRU', { units: 4, bidirectional: 'concat', goBackwards: false }], y: ['Output', { head: 'sigmoid', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
  ['Stack of LSTMs with dropout between', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], s: ['Stack', { cell: 'LSTM', layers: 2, units: 4, dropout: 0.25 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> s.in', 's.out -> y.in'])],
  ['TokenInput and Embedding into an LSTM', g({ t: ['TokenInput', { timesteps: T, vocabSize: 7 }], e: ['Embedding', { vocabSize: 7, dim: 3 }], r: ['LSTM', { units: 4 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['t.out -> e.in', 'e.out -> r.in', 'r.out -> y.in'])],
  ['VectorInput, Dense, RepeatVector, GRU: one-to-many', g({ v: ['VectorInput', { size: 3 }], d: ['Dense', { units: 4, activation: 'tanh' }], rep: ['RepeatVector', { n: T }], r: ['GRU', { units: 4, returnSequences: true }], y: ['Output', { head: 'linear', units: 2 }] }, ['v.out -> d.in', 'd.out -> rep.in', 'rep.out -> r.in', 'r.out -> y.in'])],
  ['Add and Concatenate of two branches, Dropout', g({ a: ['SequenceInput', { timesteps: T, features: 3 }], b: ['SequenceInput', { timesteps: T, features: 3 }], da: ['Dense', { units: 4 }], db: ['Dense', { units: 4 }], add: ['Add', {}], cat: ['Concatenate', {}], drop: ['Dropout', { rate: 0.3 }], r: ['SimpleRNN', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] }, ['a.out -> da.in', 'b.out -> db.in', 'da.out -> add.in', 'db.out -> add.in', 'add.out -> cat.in', 'a.out -> cat.in', 'cat.out -> drop.in', 'drop.out -> r.in', 'r.out -> y.in'])],
  ['Attention over encoder states, encoder state into decoder', g({ s: ['SequenceInput', { timesteps: T, features: 3 }], enc: ['LSTM', { units: 4, returnSequences: true }], q: ['SequenceInput', { timesteps: 3, features: 2 }], dec: ['LSTM', { units: 4, returnSequences: true }], att: ['Attention', {}], y: ['Output', { head: 'softmax', units: 3 }] }, ['s.out -> enc.in', 'q.out -> dec.in', 'enc.h -> dec.h0', 'enc.c -> dec.c0', 'dec.out -> att.query', 'enc.out -> att.values', 'att.out -> y.in'])],
  ['ImageInput, Conv2D, MaxPool2D, Flatten', g({ im: ['ImageInput', { height: 6, width: 6, channels: 2 }], c: ['Conv2D', { filters: 3, kernelSize: 3 }], p: ['MaxPool2D', {}], f: ['Flatten', {}], y: ['Output', { head: 'softmax', units: 3 }] }, ['im.out -> c.in', 'c.out -> p.in', 'p.out -> f.in', 'f.out -> y.in'])],
  ['Masking into a reset-after GRU, BatchNorm, Activation', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], m: ['Masking', { maskValue: 0 }], r: ['GRU', { units: 4, resetAfter: true }], n: ['BatchNorm', {}], a: ['Activation', { activation: 'tanh' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> m.in', 'm.out -> r.in', 'r.out -> n.in', 'n.out -> a.in', 'a.out -> y.in'])],
  ['Reshape, Conv1D, MaxPool1D, GlobalPool1D, a ModelOutput beside the head', g({ v: ['VectorInput', { size: 12 }], rs: ['Reshape', { targetShape: [6, 2] }], c: ['Conv1D', { filters: 3, kernelSize: 2 }], p: ['MaxPool1D', {}], gp: ['GlobalPool1D', { mode: 'average' }], mo: ['ModelOutput', {}], y: ['Output', { head: 'softmax', units: 3 }] }, ['v.out -> rs.in', 'rs.out -> c.in', 'c.out -> p.in', 'p.out -> gp.in', 'gp.out -> y.in', 'c.out -> mo.in'])],
  ['mdn head on strokes', g({ x: ['SequenceInput', { timesteps: T, features: 5 }], r: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head: 'mdn', mixtures: 2 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
];

interface Result {
  forward: number[];
  grads: number[][];
  after: number[][];
}

function sampleData(graph: Graph, compiled: CompiledModel): { xs: tf.Tensor[]; ys: tf.Tensor[] } {
  const rng = createRng(11);
  const B = 3;
  const xs = compiled.inputs.map((input) => {
    const shape = [B, ...input.type.shape.map((d) => d ?? T)];
    const n = shape.reduce((a, b) => a * b, 1);
    if (input.type.dtype === 'int32') {
      const vocab = Number(graph.nodes.find((node) => node.id === input.nodeId)?.params?.vocabSize);
      return tf.tensor(Int32Array.from({ length: n }, () => rng.int(vocab)), shape, 'int32');
    }
    return tf.tensor(Float32Array.from({ length: n }, () => rng.uniform(-1, 1)), shape);
  });
  const ys = compiled.outputs.map((o) => {
    const steps = o.type.shape.slice(0, -1).map((d) => d ?? T);
    const units = o.type.shape.at(-1) ?? 1;
    if (o.head === 'softmax') return tf.tensor(Float32Array.from({ length: B * steps.reduce((a, b) => a * b, 1) }, () => rng.int(units)), [B, ...steps]);
    if (o.head === 'mdn') {
      const rows = B * steps.reduce((a, b) => a * b, 1);
      return tf.tensor(Float32Array.from({ length: rows * 5 }, (_, i) => (i % 5 < 2 ? rng.normal() * 0.3 : i % 5 === 2 + (Math.floor(i / 5) % 3) ? 1 : 0)), [B, ...steps, 5]);
    }
    const n = B * steps.reduce((a, b) => a * b, 1) * units;
    return tf.tensor(Float32Array.from({ length: n }, () => (o.head === 'sigmoid' ? rng.int(2) : rng.normal())), [B, ...steps, units]);
  });
  return { xs, ys };
}

async function runOn(backend: 'cpu' | 'wasm', graph: Graph, initial?: number[][]): Promise<Result & { initial: number[][] }> {
  await selectBackend(backend);
  const compiled = compileSeeded(graph, 1);
  const { model } = compiled;
  if (initial) model.setWeights(initial.map((v, i) => tf.tensor(v, model.weights[i].shape as number[])));
  const start = model.getWeights().map((w) => Array.from(w.dataSync()));
  const { xs, ys } = sampleData(graph, compiled);
  const forward = tf.tidy(() => (Array.isArray(model.predict(xs)) ? (model.predict(xs) as tf.Tensor[]).flatMap((t) => Array.from(t.dataSync())) : Array.from((model.predict(xs) as tf.Tensor).dataSync())));
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.sgd(0.1);
  const grads = withSeededRandom(new Rng(7), () => {
    const { value, grads } = optimizer.computeGradients(() => {
      const out = model.apply(xs, { training: true });
      const preds = (Array.isArray(out) ? out : [out]) as tf.Tensor[];
      return tf.addN(compiled.outputs.map((o, i) => o.loss(ys[i], preds[i]))) as tf.Scalar;
    }, vars);
    const arrays = vars.map((v) => Array.from(grads[v.name].dataSync()));
    optimizer.applyGradients(grads);
    tf.dispose([value, ...Object.values(grads)]);
    return arrays;
  });
  const after = model.getWeights().map((w) => Array.from(w.dataSync()));
  tf.dispose([...xs, ...ys]);
  optimizer.dispose();
  return { forward, grads, after, initial: start };
}

function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j]) / Math.max(1, Math.abs(v))))));
  return m;
}

describe('wasm and cpu backends agree', () => {
  it('covers every registered node type', () => {
    const used = new Set(CASES.flatMap(([, graph]) => graph.nodes.map((n) => n.type)));
    expect(NODE_SPECS.map((s) => s.type).filter((t) => !used.has(t))).toEqual([]);
  });

  it.each(CASES)('%s: forward pass and one gradient step within 1e-4', async (_name, graph) => {
    const cpu = await runOn('cpu', graph);
    const wasm = await runOn('wasm', graph, cpu.initial);
    expect(wasm.grads.length).toBeGreaterThan(0);
    expect(maxDiff([cpu.forward], [wasm.forward])).toBeLessThan(1e-4);
    expect(maxDiff(cpu.grads, wasm.grads)).toBeLessThan(1e-4);
    expect(maxDiff(cpu.after, wasm.after)).toBeLessThan(1e-4);
    // The step did something: a gradient that is all zeros would make the comparison empty.
    expect(cpu.grads.some((g) => g.some((v) => v !== 0))).toBe(true);
  });
});
