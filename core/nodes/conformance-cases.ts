import * as tf from '@tensorflow/tfjs';
import { makeGraph } from '../compile/fixture';
import type { CompiledModel } from '../compile/types';
import type { Graph } from '../graph/schema';
import { createRng } from '../random';

/**
 * One small graph per use of each node type, shared by the conformance tests
 * (core/nodes/conformance.test.ts: shapes, parameter counts, files, Keras;
 * electron/backend/conformance.test.ts: wasm against cpu). Both fail when a
 * registered node type appears in none of them, so a new type is covered by
 * construction once it is added here.
 */
export type Case = [string, Graph];
/** The steps of every sequence in the cases (and of sampled data where T is unknown). */
export const T = 5;
const g = makeGraph;
export const CASES: Case[] = [
  ['SimpleRNN on a sequence, linear head', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], r: ['SimpleRNN', { units: 4 }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
  ['LSTM per step, softmax head on ids', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], r: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
  ['bidirectional GRU, sigmoid head', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], r: ['GRU', { units: 4, bidirectional: 'concat', goBackwards: false }], y: ['Output', { head: 'sigmoid', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
  ['Stack of LSTMs with dropout between', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], s: ['Stack', { cell: 'LSTM', layers: 2, units: 4, dropout: 0.25 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> s.in', 's.out -> y.in'])],
  ['TokenInput and Embedding into an LSTM', g({ t: ['TokenInput', { timesteps: T, vocabSize: 7 }], e: ['Embedding', { vocabSize: 7, dim: 3 }], r: ['LSTM', { units: 4 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['t.out -> e.in', 'e.out -> r.in', 'r.out -> y.in'])],
  ['VectorInput, Dense, RepeatVector, GRU: one-to-many', g({ v: ['VectorInput', { size: 3 }], d: ['Dense', { units: 4, activation: 'tanh' }], rep: ['RepeatVector', { n: T }], r: ['GRU', { units: 4, returnSequences: true }], y: ['Output', { head: 'linear', units: 2 }] }, ['v.out -> d.in', 'd.out -> rep.in', 'rep.out -> r.in', 'r.out -> y.in'])],
  ['Add and Concatenate of two branches, Dropout', g({ a: ['SequenceInput', { timesteps: T, features: 3 }], b: ['SequenceInput', { timesteps: T, features: 3 }], da: ['Dense', { units: 4 }], db: ['Dense', { units: 4 }], add: ['Add', {}], cat: ['Concatenate', {}], drop: ['Dropout', { rate: 0.3 }], r: ['SimpleRNN', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] }, ['a.out -> da.in', 'b.out -> db.in', 'da.out -> add.in', 'db.out -> add.in', 'add.out -> cat.in', 'a.out -> cat.in', 'cat.out -> drop.in', 'drop.out -> r.in', 'r.out -> y.in'])],
  ['Attention over encoder states, encoder state into decoder', g({ s: ['SequenceInput', { timesteps: T, features: 3 }], enc: ['LSTM', { units: 4, returnSequences: true }], q: ['SequenceInput', { timesteps: 3, features: 2 }], dec: ['LSTM', { units: 4, returnSequences: true }], att: ['Attention', {}], y: ['Output', { head: 'softmax', units: 3 }] }, ['s.out -> enc.in', 'q.out -> dec.in', 'enc.h -> dec.h0', 'enc.c -> dec.c0', 'dec.out -> att.query', 'enc.out -> att.values', 'att.out -> y.in'])],
  ['Glimpse reading an image, softmax head', g({ im: ['ImageInput', { height: 8, width: 8, channels: 1 }], gl: ['Glimpse', { units: 4, glimpses: 2, grid: 3 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['im.out -> gl.in', 'gl.out -> y.in'])],
  ['ImageInput, Conv2D, MaxPool2D, Flatten', g({ im: ['ImageInput', { height: 6, width: 6, channels: 2 }], c: ['Conv2D', { filters: 3, kernelSize: 3 }], p: ['MaxPool2D', {}], f: ['Flatten', {}], y: ['Output', { head: 'softmax', units: 3 }] }, ['im.out -> c.in', 'c.out -> p.in', 'p.out -> f.in', 'f.out -> y.in'])],
  ['Masking into a reset-after GRU, BatchNorm, Activation', g({ x: ['SequenceInput', { timesteps: T, features: 3 }], m: ['Masking', { maskValue: 0 }], r: ['GRU', { units: 4, resetAfter: true }], n: ['BatchNorm', {}], a: ['Activation', { activation: 'tanh' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> m.in', 'm.out -> r.in', 'r.out -> n.in', 'n.out -> a.in', 'a.out -> y.in'])],
  ['Reshape, Conv1D, MaxPool1D, GlobalPool1D, a ModelOutput beside the head', g({ v: ['VectorInput', { size: 12 }], rs: ['Reshape', { targetShape: [6, 2] }], c: ['Conv1D', { filters: 3, kernelSize: 2 }], p: ['MaxPool1D', {}], gp: ['GlobalPool1D', { mode: 'average' }], mo: ['ModelOutput', {}], y: ['Output', { head: 'softmax', units: 3 }] }, ['v.out -> rs.in', 'rs.out -> c.in', 'c.out -> p.in', 'p.out -> gp.in', 'gp.out -> y.in', 'c.out -> mo.in'])],
  ['mdn head on strokes', g({ x: ['SequenceInput', { timesteps: T, features: 5 }], r: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head: 'mdn', mixtures: 2 }] }, ['x.out -> r.in', 'r.out -> y.in'])],
];

/** Seeded inputs and targets of batch 3 that fit a compiled case. */
export function sampleData(graph: Graph, compiled: CompiledModel): { xs: tf.Tensor[]; ys: tf.Tensor[] } {
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

