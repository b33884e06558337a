import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeGraph } from '../../../core/compile/fixture';
import type { Graph } from '../../../core/graph/schema';
import { fusedRecurrentUse } from '../../../core/nodes/fused-rnn';
import { compileSeeded } from '../../../core/train/train-graph';
import { selectBackend } from '../select';
import { fusedGap, sampleBatch } from './fused-compare';
import { registerFusedKernels } from './kernels';

/**
 * The fused recurrent kernels give tfjs's own results: the loss and outputs
 * within 1e-6, every variable's gradient within 1e-5 of its largest entry,
 * on the wasm and the cpu backend, over the configurations the layers take.
 */

const T = 6;
const seq = (features = 3): [string, Record<string, unknown>] => ['SequenceInput', { timesteps: T, features }];
const g = makeGraph;

type Case = [string, Graph, string[]];
const CASES: Case[] = [
  ['LSTM returning the last output', g({ x: seq(), r: ['LSTM', { units: 5 }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['LSTM returning every step', g({ x: seq(), r: ['LSTM', { units: 5, returnSequences: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['LSTM reading backwards', g({ x: seq(), r: ['LSTM', { units: 5, returnSequences: true, goBackwards: true }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['LSTM with hardSigmoid gates and units not a multiple of 4 or 8', g({ x: seq(5), r: ['LSTM', { units: 7, returnSequences: true, recurrentActivation: 'hardSigmoid' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['bidirectional LSTM, concat', g({ x: seq(), r: ['LSTM', { units: 4, returnSequences: true, bidirectional: 'concat' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['forward_r', 'backward_r']],
  ['bidirectional LSTM, sum, last output', g({ x: seq(), r: ['LSTM', { units: 4, bidirectional: 'sum' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['forward_r', 'backward_r']],
  [
    'LSTM started from another LSTM\'s h and c, giving its states',
    g(
      { x: seq(), enc: ['LSTM', { units: 4 }], q: seq(2), dec: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head: 'linear', units: 2 }], yh: ['Output', { head: 'linear', units: 2 }] },
      ['x.out -> enc.in', 'q.out -> dec.in', 'enc.h -> dec.h0', 'enc.c -> dec.c0', 'dec.out -> y.in', 'dec.h -> yh.in'],
    ),
    ['enc', 'dec'],
  ],
  ['LSTM given only h0 (c0 starts at zero)', g({ x: seq(), v: ['VectorInput', { size: 4 }], r: ['LSTM', { units: 4 }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'v.out -> r.h0', 'r.out -> y.in']), ['r']],
  [
    'LSTM over padded ids: masked steps carry the state',
    g({ t: ['TokenInput', { timesteps: T, vocabSize: 4 }], e: ['Embedding', { vocabSize: 4, dim: 3, maskZero: true }], r: ['LSTM', { units: 5, returnSequences: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['t.out -> e.in', 'e.out -> r.in', 'r.out -> y.in']),
    ['r'],
  ],
  [
    'masked LSTM reading backwards, last output',
    g({ t: ['TokenInput', { timesteps: T, vocabSize: 4 }], e: ['Embedding', { vocabSize: 4, dim: 3, maskZero: true }], r: ['LSTM', { units: 5, goBackwards: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['t.out -> e.in', 'e.out -> r.in', 'r.out -> y.in']),
    ['r'],
  ],
  ['GRU returning every step', g({ x: seq(), r: ['GRU', { units: 5, returnSequences: true }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['GRU with hardSigmoid gates, relu, reading backwards, last output', g({ x: seq(4), r: ['GRU', { units: 6, goBackwards: true, recurrentActivation: 'hardSigmoid', activation: 'relu' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['bidirectional GRU, mul', g({ x: seq(), r: ['GRU', { units: 4, returnSequences: true, bidirectional: 'mul' }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['forward_r', 'backward_r']],
  [
    'GRU over padded ids started from a state',
    g({ t: ['TokenInput', { timesteps: T, vocabSize: 4 }], e: ['Embedding', { vocabSize: 4, dim: 3, maskZero: true }], v: ['VectorInput', { size: 5 }], r: ['GRU', { units: 5, returnSequences: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['t.out -> e.in', 'e.out -> r.in', 'v.out -> r.h0', 'r.out -> y.in']),
    ['r'],
  ],
  ['SimpleRNN returning the last output', g({ x: seq(), r: ['SimpleRNN', { units: 5 }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  ['SimpleRNN, sigmoid, backwards, every step', g({ x: seq(), r: ['SimpleRNN', { units: 9, activation: 'sigmoid', goBackwards: true, returnSequences: true }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']), ['r']],
  [
    'SimpleRNN over padded ids',
    g({ t: ['TokenInput', { timesteps: T, vocabSize: 4 }], e: ['Embedding', { vocabSize: 4, dim: 3, maskZero: true }], r: ['SimpleRNN', { units: 5, returnSequences: true }], y: ['Output', { head: 'softmax', units: 3 }] }, ['t.out -> e.in', 'e.out -> r.in', 'r.out -> y.in']),
    ['r'],
  ],
  ['Stack of two GRUs', g({ x: seq(), s: ['Stack', { cell: 'GRU', layers: 2, units: 6 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> s.in', 's.out -> y.in']), ['s_1', 's_2']],
  ['Stack of three LSTMs', g({ x: seq(), s: ['Stack', { cell: 'LSTM', layers: 3, units: 6 }], y: ['Output', { head: 'softmax', units: 3 }] }, ['x.out -> s.in', 's.out -> y.in']), ['s_1', 's_2', 's_3']],
];

describe.each(['wasm', 'cpu'] as const)('fused recurrent kernels on the %s backend', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
    expect(registerFusedKernels().problem).toBeUndefined();
  });

  it.each(CASES)('%s: same loss, outputs and gradients as plain tfjs', (_name, graph, fusedLayers) => {
    const compiled = compileSeeded(graph, 3);
    const { xs, ys } = sampleBatch(graph, compiled, 3, T);
    const gap = fusedGap(compiled, xs, ys);
    const ran = fusedRecurrentUse().fused;
    for (const layer of fusedLayers) expect(ran.some((name) => name.includes(layer)), `${layer} ran fused (fused: ${ran.join(', ')})`).toBe(true);
    expect(gap.largestGrad).toBeGreaterThan(0);
    expect(gap.loss).toBeLessThan(1e-6);
    expect(gap.outputs).toBeLessThan(1e-6);
    for (const [name, rel] of Object.entries(gap.grads)) expect(rel, name).toBeLessThan(1e-5);
    tf.dispose([...xs, ...ys]);
    compiled.model.dispose();
  });

  it('a layer with dropout falls back while training and says why', () => {
    const graph = g({ x: seq(), r: ['LSTM', { units: 4, dropout: 0.3 }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']);
    const compiled = compileSeeded(graph, 3);
    const { xs, ys } = sampleBatch(graph, compiled, 2, T);
    fusedGap(compiled, xs, ys);
    expect(fusedRecurrentUse().fallback).toContainEqual({ layer: 'r', reason: 'dropout while training runs on plain tfjs' });
    tf.dispose([...xs, ...ys]);
    compiled.model.dispose();
  });

  it('a training step leaves no tensor behind', () => {
    const graph = g({ x: seq(), r: ['LSTM', { units: 4, returnSequences: true }], y: ['Output', { head: 'linear', units: 2 }] }, ['x.out -> r.in', 'r.out -> y.in']);
    const compiled = compileSeeded(graph, 3);
    const { xs, ys } = sampleBatch(graph, compiled, 2, T);
    const vars = compiled.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const step = () => {
      const { value, grads } = tf.variableGrads(() => compiled.outputs[0].loss(ys[0], compiled.model.apply(xs[0], { training: true }) as tf.Tensor), vars);
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const before = tf.memory().numTensors;
    step();
    expect(tf.memory().numTensors).toBe(before);
    expect(fusedRecurrentUse().fused).toEqual(['r']);
    tf.dispose([...xs, ...ys]);
    compiled.model.dispose();
  });
});
