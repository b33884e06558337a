import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compile/compile';
import { makeGraph } from '../../../core/compile/fixture';
import type { CompiledModel } from '../../../core/compile/types';
import { CHAIN_STEP_KERNEL, chainStepper } from '../../../core/generate/chain-step';
import { generate } from '../../../core/generate/generate';
import { buildStepPlan, type StepPlan } from '../../../core/generate/step-model';
import { fusedKernelNames } from '../../../core/nodes/fused-rnn';
import { createRng } from '../../../core/random';
import { selectBackend } from '../select';
import { registerChainStepKernel } from './chain-kernel';

/**
 * A generation step of a plain chain (cells and Dense layers from the
 * feedback input to the Output) runs as one kernel call, and gives what the
 * step model gives.
 */

const strokeGraph = () =>
  makeGraph(
    {
      x: ['SequenceInput', { timesteps: null, features: 5, feedback: 'y' }],
      s: ['Stack', { cell: 'LSTM', layers: 2, units: 9, returnSequences: true }],
      y: ['Output', { head: 'mdn', mixtures: 3 }],
    },
    ['x.out -> s.in', 's.out -> y.in'],
  );

/** Every kind of link a chain has: a GRU, a Dense with an activation, a SimpleRNN, a softmax head. */
const mixedGraph = () =>
  makeGraph(
    {
      x: ['SequenceInput', { timesteps: null, features: 6, feedback: 'y' }],
      g: ['GRU', { units: 7, returnSequences: true, resetAfter: false }],
      d: ['Dense', { units: 5, activation: 'tanh' }],
      r: ['SimpleRNN', { units: 4, activation: 'relu', returnSequences: true }],
      y: ['Output', { head: 'softmax', units: 6 }],
    },
    ['x.out -> g.in', 'g.out -> d.in', 'd.out -> r.in', 'r.out -> y.in'],
  );

/** A chain whose LSTM starts from states computed once from a condition (the prefix gives them). */
const conditionedGraph = () =>
  makeGraph(
    {
      x: ['SequenceInput', { timesteps: null, features: 5, feedback: 'y' }],
      c: ['VectorInput', { size: 6 }],
      l: ['LSTM', { units: 6, returnSequences: true }],
      y: ['Output', { head: 'mdn', mixtures: 2 }],
    },
    ['x.out -> l.in', 'c.out -> l.h0', 'c.out -> l.c0', 'l.out -> y.in'],
  );

/** Not a chain: two cells read the same input and their outputs are added. */
const branchedGraph = () =>
  makeGraph(
    {
      x: ['SequenceInput', { timesteps: null, features: 5, feedback: 'y' }],
      a: ['LSTM', { units: 4, returnSequences: true }],
      b: ['GRU', { units: 4, returnSequences: true, resetAfter: false }],
      s: ['Add', {}],
      y: ['Output', { head: 'mdn', mixtures: 2 }],
    },
    ['x.out -> a.in', 'x.out -> b.in', 'a.out -> s.in', 'b.out -> s.in', 's.out -> y.in'],
  );

const resetAfterGraph = () =>
  makeGraph(
    {
      x: ['SequenceInput', { timesteps: null, features: 5, feedback: 'y' }],
      g: ['GRU', { units: 4, returnSequences: true, resetAfter: true }],
      y: ['Output', { head: 'mdn', mixtures: 2 }],
    },
    ['x.out -> g.in', 'g.out -> y.in'],
  );

/** Random inputs of a step model: the fed value, then states. */
function stepInputs(plan: StepPlan, n: number, seed: number): tf.Tensor[] {
  const rng = createRng(seed);
  const random = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)), shape);
  const width = plan.step.inputs[0].shape[2] as number;
  return [random([n, 1, width]), ...plan.states.map((s) => random([n, s.size]))];
}

const maxGap = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe.each(['wasm', 'cpu'] as const)('the chain step on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it.each([
    ['two LSTMs and an mdn head', strokeGraph],
    ['a GRU, a Dense, a SimpleRNN and a softmax head', mixedGraph],
    ['an LSTM started from a condition', conditionedGraph],
  ])('%s: one call gives the step model\'s outputs and states', (_name, graph) => {
    const compiled = compileGraph(graph());
    const plan = buildStepPlan(compiled);
    const run = chainStepper(plan);
    try {
      expect(run).not.toBeNull();
      for (const n of [1, 3]) {
        const inputs = stepInputs(plan, n, n);
        const expected = plan.step.apply(inputs, { training: false }) as tf.Tensor[];
        const got = run!(inputs);
        expect(got.map((t) => t.shape)).toEqual(expected.map((t) => t.shape));
        got.forEach((t, i) => expect(maxGap(t, expected[i]), `output ${i}, n ${n}`).toBeLessThan(1e-5));
        tf.dispose([...inputs, ...expected, ...got]);
      }
    } finally {
      plan.dispose();
      compiled.model.dispose();
    }
  });

  it('a step of the stroke model is one kernel call', async () => {
    const compiled = compileGraph(strokeGraph());
    const plan = buildStepPlan(compiled);
    const inputs = stepInputs(plan, 1, 2);
    try {
      const run = chainStepper(plan)!;
      const profile = await tf.profile(() => {
        tf.dispose(run(inputs));
      });
      expect(profile.kernels.map((k) => k.name)).toEqual([CHAIN_STEP_KERNEL]);
      expect(profile.newTensors).toBe(0);
    } finally {
      tf.dispose(inputs);
      plan.dispose();
      compiled.model.dispose();
    }
  });

  it('new weights between calls are read afresh', () => {
    const compiled = compileGraph(strokeGraph());
    const plan = buildStepPlan(compiled);
    const inputs = stepInputs(plan, 2, 5);
    try {
      const run = chainStepper(plan)!;
      tf.dispose(run(inputs));
      // The head is the trained model's own Dense layer: training on changes it under the plan.
      const head = compiled.model.getLayer('y');
      head.setWeights(head.getWeights().map((w) => tf.mul(w, 2)));
      const expected = plan.step.apply(inputs, { training: false }) as tf.Tensor[];
      const got = run(inputs);
      expect(maxGap(got[0], expected[0])).toBeLessThan(1e-5);
      tf.dispose([...expected, ...got]);
    } finally {
      tf.dispose(inputs);
      plan.dispose();
      compiled.model.dispose();
    }
  });

  it.each([
    ['branches joined by an Add', branchedGraph],
    ['Seqwire\'s reset-after GRU, which has no fused cell', resetAfterGraph],
  ])('a model with %s steps through its step model', (_name, graph) => {
    const compiled = compileGraph(graph());
    const plan = buildStepPlan(compiled);
    try {
      expect(chainStepper(plan)).toBeNull();
    } finally {
      plan.dispose();
      compiled.model.dispose();
    }
  });
});

describe('without the chain kernel', () => {
  let compiled: CompiledModel;
  beforeAll(async () => {
    await selectBackend('cpu');
    compiled = compileGraph(strokeGraph());
  });
  afterAll(() => {
    registerChainStepKernel();
    compiled.model.dispose();
  });

  it('generation falls back to the step model and draws the same strokes', async () => {
    const withKernel = await generate(compiled, { n: 2, maxSteps: 10, seed: 3 });
    tf.unregisterKernel(CHAIN_STEP_KERNEL, 'cpu');
    const plan = buildStepPlan(compiled);
    expect(chainStepper(plan)).toBeNull();
    plan.dispose();
    const profile = await tf.profile(async () => {
      const without = await generate(compiled, { n: 2, maxSteps: 10, seed: 3 });
      const [a, b] = [withKernel.sequences[0].samples.flat(2), without.sequences[0].samples.flat(2)];
      expect(b.length).toBe(a.length);
      b.forEach((v, i) => expect(Math.abs(v - a[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(a[i]))));
    });
    expect(profile.kernels.some((k) => k.name === fusedKernelNames('LSTM').forward)).toBe(true);
  });
});
