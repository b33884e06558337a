import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../../../core/compile/fixture';
import { createRng } from '../../../core/random';
import { FusedAdam, isFusedAdam } from '../../../core/train/fused-adam';
import { wholeStep } from '../../../core/train/whole-step';
import { trainStep, type StepResult } from '../../../core/train/step';
import { compileSeeded } from '../../../core/train/train-graph';
import { Rng, withSeededRandom } from '../../../core/train/random';
import type { BoundFields } from '../../../core/train/bindings';
import { selectBackend } from '../select';
import { registerFusedKernels } from './kernels';

/**
 * The whole training step in one kernel call computes what trainStep computes
 * with tfjs ops around the fused layers: the same losses, accuracy, norms and,
 * step after step, the same weights and Adam slots (within float rounding: the
 * head and its loss are other code), on the wasm and the cpu backend.
 */

const B = 6;
const T = 5;
const F = 3;

interface Case {
  name: string;
  /** The Stack node's params (none: no Stack). */
  stack?: Record<string, unknown>;
  /** Token ids through an Embedding instead of vectors (ids drawn from [0, vocab), so some are the padding id 0). */
  tokens?: { vocab: number; dim: number; maskZero: boolean; dropout?: number };
  /** Recurrent nodes read before the stack, bottom up: [type, params]. */
  before?: [string, Record<string, unknown>][];
  /** Layers between the stack and the head: Dense [units, activation], or ['dropout', rate]. */
  hidden?: ([number, string] | ['dropout', number])[];
  head: 'softmax' | 'sigmoid' | 'linear' | 'mdn';
  units: number;
  sparse?: boolean;
  clipNorm: number;
  /** Plain gradient descent instead of Adam. */
  sgd?: boolean;
}

const CASES: Case[] = [
  { name: '2 x LSTM, softmax on the last state, one-hot targets', stack: { cell: 'LSTM', layers: 2, units: 8 }, head: 'softmax', units: 4, clipNorm: 0 },
  { name: 'GRU per step, class ids, clipped', stack: { cell: 'GRU', layers: 2, units: 6, returnSequences: true }, head: 'softmax', units: 5, sparse: true, clipNorm: 0.01 },
  { name: 'SimpleRNN, linear head, mean squared error', stack: { cell: 'SimpleRNN', layers: 1, units: 7 }, head: 'linear', units: 2, clipNorm: 1 },
  { name: 'SimpleRNN under plain gradient descent (SGD), clipped', stack: { cell: 'SimpleRNN', layers: 2, units: 7 }, head: 'softmax', units: 3, clipNorm: 0.01, sgd: true },
  {
    name: 'GRU per step under Dense relu and tanh layers (widths not multiples of 8), class ids',
    stack: { cell: 'GRU', layers: 1, units: 6, returnSequences: true },
    hidden: [[11, 'relu'], [9, 'tanh']],
    head: 'softmax', units: 3, sparse: true, clipNorm: 0,
  },
  {
    name: 'dropout between the LSTMs, after the stack and after a Dense layer (the draws tfjs would make)',
    stack: { cell: 'LSTM', layers: 2, units: 8, dropout: 0.3 },
    hidden: [['dropout', 0.25], [10, 'relu'], ['dropout', 0.5]],
    head: 'softmax', units: 4, clipNorm: 0,
  },
  {
    name: 'dropout on every step of a GRU under a per-step Dense layer',
    stack: { cell: 'GRU', layers: 1, units: 6, returnSequences: true },
    hidden: [['dropout', 0.4], [5, 'tanh'], ['dropout', 0.2]],
    head: 'linear', units: 2, clipNorm: 0,
  },
  {
    name: 'a bidirectional GRU (every step) under a stack, a bidirectional LSTM read to its last state',
    before: [['GRU', { units: 5, bidirectional: 'concat', returnSequences: true }], ['LSTM', { units: 4, bidirectional: 'concat', returnSequences: true }]],
    stack: { cell: 'SimpleRNN', layers: 1, units: 6 },
    head: 'softmax', units: 3, clipNorm: 0,
  },
  {
    name: 'a bidirectional SimpleRNN read to its last state, under a linear head',
    before: [['SimpleRNN', { units: 5, bidirectional: 'concat' }]],
    head: 'linear', units: 2, clipNorm: 0,
  },
  {
    name: 'a bidirectional LSTM labelling every step under dropout, as the per-step template',
    before: [['LSTM', { units: 6, bidirectional: 'concat', returnSequences: true }], ['GRU', { units: 4, bidirectional: 'concat', returnSequences: true }]],
    hidden: [['dropout', 0.3]],
    head: 'softmax', units: 4, sparse: true, clipNorm: 0,
  },
  {
    name: 'token ids through an Embedding (dropout after it) into an LSTM stack labelling every step, as a character model',
    tokens: { vocab: 7, dim: 5, maskZero: false, dropout: 0.2 },
    stack: { cell: 'LSTM', layers: 2, units: 6, returnSequences: true },
    head: 'softmax', units: 7, sparse: true, clipNorm: 0,
  },
  {
    name: 'an Embedding with maskZero: id 0 skips its step in a bidirectional GRU and the SimpleRNN above it',
    tokens: { vocab: 4, dim: 3, maskZero: true },
    before: [['GRU', { units: 4, bidirectional: 'concat', returnSequences: true }]],
    stack: { cell: 'SimpleRNN', layers: 1, units: 5 },
    head: 'softmax', units: 3, clipNorm: 0,
  },
  { name: 'a sigmoid head of independent yes/no labels (binary cross-entropy) on a GRU', stack: { cell: 'GRU', layers: 1, units: 6 }, head: 'sigmoid', units: 5, clipNorm: 0 },
  { name: 'LSTM per step, mdn head (3 mixtures), clipped', stack: { cell: 'LSTM', layers: 2, units: 8, returnSequences: true }, head: 'mdn', units: 3, clipNorm: 0.05 },
];

function compiled(c: Case) {
  const hidden = c.hidden ?? [];
  const before = c.before ?? [];
  const t = c.tokens;
  const nodes: Record<string, [string, Record<string, unknown>?]> = t
    ? { x: ['TokenInput', { timesteps: T, vocabSize: t.vocab }], e: ['Embedding', { vocabSize: t.vocab, dim: t.dim, maskZero: t.maskZero }] }
    : { x: ['SequenceInput', { timesteps: T, features: F }] };
  if (t?.dropout) nodes.ed = ['Dropout', { rate: t.dropout }];
  before.forEach(([type, params], i) => (nodes[`r${i}`] = [type, params]));
  if (c.stack) nodes.stack = ['Stack', c.stack];
  hidden.forEach(([a, b], i) => (nodes[`d${i}`] = a === 'dropout' ? ['Dropout', { rate: b }] : ['Dense', { units: a, activation: b }]));
  nodes.y = ['Output', c.head === 'mdn' ? { head: 'mdn', mixtures: c.units } : { head: c.head, units: c.units }];
  const chain = ['x', ...(t ? ['e'] : []), ...(t?.dropout ? ['ed'] : []), ...before.map((_, i) => `r${i}`), ...(c.stack ? ['stack'] : []), ...hidden.map((_, i) => `d${i}`), 'y'];
  return compileSeeded(makeGraph(nodes, chain.slice(1).map((n, i) => `${chain[i]}.out -> ${n}.in`)), 3);
}

function batches(c: Case, count: number): { x: tf.Tensor; y: tf.Tensor }[] {
  const rng = createRng(9);
  const perStep = !!(c.stack ? c.stack.returnSequences : c.before?.at(-1)?.[1].returnSequences);
  const lead = perStep ? [B, T] : [B];
  const rows = lead.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, () => {
    const x = c.tokens ? tf.tensor(Int32Array.from({ length: B * T }, () => rng.int(c.tokens!.vocab)), [B, T], 'int32') : tf.tensor(Float32Array.from({ length: B * T * F }, () => rng.normal()), [B, T, F]);
    if (c.head === 'linear') return { x, y: tf.tensor(Float32Array.from({ length: rows * c.units }, () => rng.normal()), [...lead, c.units]) };
    if (c.head === 'sigmoid') return { x, y: tf.tensor(Float32Array.from({ length: rows * c.units }, () => rng.int(2)), [...lead, c.units]) };
    if (c.head === 'mdn') {
      // Stroke-5 steps: an offset, then one pen state of three.
      const y = new Float32Array(rows * 5);
      for (let r = 0; r < rows; r++) {
        y.set([rng.normal(), rng.normal()], r * 5);
        y[r * 5 + 2 + rng.int(3)] = 1;
      }
      return { x, y: tf.tensor(y, [...lead, 5]) };
    }
    const ids = Float32Array.from({ length: rows }, () => rng.int(c.units));
    return { x, y: c.sparse ? tf.tensor(ids, lead) : tf.oneHot(tf.tensor(ids, lead, 'int32'), c.units).toFloat() };
  });
}

function train(c: Case, whole: boolean): { results: StepResult[]; weights: Float32Array[]; slots: Float32Array[] } {
  const model = compiled(c);
  const optimizer = c.sgd ? tf.train.sgd(0.1) : new FusedAdam(0.01);
  const vars = model.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const bound: BoundFields = { inputs: ['x'], targets: ['y'], sparse: [!!c.sparse] };
  const plan = wholeStep(model, bound, vars, optimizer);
  if (whole && !plan.ok) throw new Error(plan.reason);
  const results = batches(c, 4).map(({ x, y }, k) => {
    // Each step under the same seeded Math.random on both sides, as the trainer runs it: dropout draws from it.
    const r = withSeededRandom(new Rng(100 + k), () =>
      whole && plan.ok ? plan.plan.step([x], [y], c.clipNorm, true, Infinity) : trainStep(model, bound, vars, optimizer, [x], [y], c.clipNorm, true),
    );
    tf.dispose([x, y]);
    return r;
  });
  const weights = vars.map((v) => v.dataSync() as Float32Array);
  const slots = isFusedAdam(optimizer) ? optimizer.slotsFor(vars).flatMap((s) => [s.m.dataSync() as Float32Array, s.s.dataSync() as Float32Array]) : [];
  const out = { results, weights, slots };
  model.model.dispose();
  optimizer.dispose();
  return out;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) if (!(Number.isNaN(a[i]) && Number.isNaN(b[i]))) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (tol + Math.abs(b[i])));
  return worst;
}

describe.each(['wasm', 'cpu'] as const)('on %s', (backend) => {
  it.each(CASES)('$name: the whole step trains as trainStep does', async (c) => {
    await selectBackend(backend);
    registerFusedKernels();
    const ours = train(c, true);
    const theirs = train(c, false);
    for (const [i, r] of ours.results.entries()) {
      const t = theirs.results[i];
      expect(r.applied).toBe(true);
      expect(r.total).toBeCloseTo(t.total, 5);
      expect(close([r.normBefore, r.normAfter], [t.normBefore, t.normAfter], 1e-6)).toBeLessThan(1e-4);
      // The share of right rows, as a float32 mean in tfjs.
      expect(close(r.accuracy!, t.accuracy!, 1e-6)).toBeLessThan(1e-6);
    }
    // Clipping happened where the case asks for it, so the clipped path is compared too.
    if (c.clipNorm === 0.01 || c.head === 'mdn') expect(ours.results.every((r) => r.normAfter === c.clipNorm && r.normBefore > c.clipNorm)).toBe(true);
    ours.weights.forEach((w, i) => expect(close(w, theirs.weights[i], 1e-3)).toBeLessThan(1e-4));
    ours.slots.forEach((s, i) => expect(close(s, theirs.slots[i], 1e-6)).toBeLessThan(1e-3));
  });
});
