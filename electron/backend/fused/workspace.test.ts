import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { makeGraph } from '../../../core/compile/fixture';
import { compileSeeded } from '../../../core/train/train-graph';
import { selectBackend } from '../select';
import { registerFusedKernels } from './kernels';
import { rnnModule } from './module';

/**
 * A forward call inside a gradient recording keeps its workspace in
 * rnn.wasm's memory for the backward call, which frees it; a recording whose
 * backward never runs gives its workspaces up when the next one begins.
 */

beforeAll(async () => {
  await selectBackend('wasm');
  registerFusedKernels();
});

function model() {
  const g = makeGraph(
    { x: ['SequenceInput', { timesteps: 5, features: 3 }], r: ['Stack', { cell: 'LSTM', layers: 2, units: 6 }], y: ['Output', { head: 'linear', units: 2 }] },
    ['x.out -> r.in', 'r.out -> y.in'],
  );
  return compileSeeded(g, 3).model;
}

it('kept workspaces are freed by their backward, so memory does not grow over gradient steps', () => {
  const m = model();
  const x = tf.randomNormal([4, 5, 3]);
  const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
  for (let step = 0; step < 5; step++) {
    const { value, grads } = tf.variableGrads(() => tf.sum(m.apply(x) as tf.Tensor) as tf.Scalar, vars);
    tf.dispose([value, ...Object.values(grads)]);
    expect(rnnModule()!.keptFloats()).toBe(0);
  }
  tf.dispose(x);
  m.dispose();
});

it('a recording abandoned before its backward gives its workspaces up when the next forward is recorded', () => {
  const m = model();
  const x = tf.randomNormal([4, 5, 3]);
  const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
  // The forward throws after the recurrent layers ran: no backward for this recording.
  expect(() => tf.variableGrads(() => {
    m.apply(x);
    throw new Error('abandoned');
  }, vars)).toThrow('abandoned');
  expect(rnnModule()!.keptFloats()).toBeGreaterThan(0);
  const { value, grads } = tf.variableGrads(() => tf.sum(m.apply(x) as tf.Tensor) as tf.Scalar, vars);
  tf.dispose([value, ...Object.values(grads)]);
  expect(rnnModule()!.keptFloats()).toBe(0);
  // Outside a recording nothing is kept.
  tf.tidy(() => {
    m.apply(x);
  });
  expect(rnnModule()!.keptFloats()).toBe(0);
  tf.dispose(x);
  m.dispose();
});
