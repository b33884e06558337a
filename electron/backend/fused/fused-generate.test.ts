import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../core/compile/compile';
import { makeGraph } from '../../../core/compile/fixture';
import { generate } from '../../../core/generate/generate';
import { buildStepPlan } from '../../../core/generate/step-model';
import { fusedKernelNames, setFusedRecurrent } from '../../../core/nodes/fused-rnn';
import { selectBackend } from '../select';

/**
 * Generation steps through the fused cells: the step model's recurrent
 * copies (one step, state in, state out) run one kernel call per layer and
 * step, and sample what tfjs's own cells sample.
 */

const strokeGraph = () =>
  makeGraph(
    {
      x: ['SequenceInput', { timesteps: null, features: 5, feedback: 'y' }],
      s: ['Stack', { cell: 'LSTM', layers: 2, units: 8, returnSequences: true }],
      y: ['Output', { head: 'mdn', mixtures: 3 }],
    },
    ['x.out -> s.in', 's.out -> y.in'],
  );

const tokenGraph = () =>
  makeGraph(
    {
      t: ['TokenInput', { timesteps: null, vocabSize: 6, feedback: 'y' }],
      e: ['Embedding', { vocabSize: 6, dim: 4 }],
      r: ['GRU', { units: 5, returnSequences: true }],
      y: ['Output', { head: 'softmax', units: 6 }],
    },
    ['t.out -> e.in', 'e.out -> r.in', 'r.out -> y.in'],
  );

/** Every number in a value, in order (the samples of a generation, for a comparison within a tolerance). */
const numbers = (v: unknown): number[] => (typeof v === 'number' ? [v] : Array.isArray(v) ? v.flatMap(numbers) : v && typeof v === 'object' ? Object.values(v).flatMap(numbers) : []);

describe.each(['wasm', 'cpu'] as const)('generation with fused cells on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it.each([
    ['strokes from two LSTMs', strokeGraph],
    ['tokens from a GRU', tokenGraph],
  ])('%s: the same samples as tfjs\'s own cells', async (_name, graph) => {
    const compiled = compileGraph(graph());
    try {
      setFusedRecurrent(false);
      const plain = await generate(compiled, { n: 2, maxSteps: 12, seed: 4, startToken: 1 });
      setFusedRecurrent(true);
      const fused = await generate(compiled, { n: 2, maxSteps: 12, seed: 4, startToken: 1 });
      expect(fused.mode).toBe('step');
      expect(fused.steps).toBeGreaterThan(1);
      // The same draws: ids and pen states exactly, offsets to float rounding (the cells differ in the last bits).
      const [a, b] = [numbers(plain.sequences), numbers(fused.sequences)];
      expect(b.length).toBe(a.length);
      b.forEach((v, i) => expect(Math.abs(v - a[i]), `number ${i}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(a[i]))));
    } finally {
      setFusedRecurrent(true);
      compiled.model.dispose();
    }
  });

  it('one step of the stroke model runs each LSTM once, though tfjs applies a layer once per output', async () => {
    const compiled = compileGraph(strokeGraph());
    const plan = buildStepPlan(compiled);
    const inputs = [tf.zeros([1, 1, 5]), ...plan.states.map((s) => tf.zeros([1, s.size]))];
    try {
      const profile = await tf.profile(() => {
        tf.dispose(plan.step.apply(inputs, { training: false }) as tf.Tensor[]);
      });
      expect(profile.kernels.filter((k) => k.name === fusedKernelNames('LSTM').forward)).toHaveLength(2);
    } finally {
      tf.dispose(inputs);
      plan.dispose();
      compiled.model.dispose();
    }
  });
});
