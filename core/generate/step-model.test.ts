import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../graph/load';
import { compileGraph } from '../compile/compile';
import { makeGraph } from '../compile/fixture';
import { buildStepPlan, NotSteppableError, type StepPlan } from './step-model';
import type { CompiledModel } from '../compile/types';

/**
 * Runs the step plan over a whole input sequence, teacher-forced, and returns
 * the per-step outputs stacked back into [batch, T, units]: it must equal the
 * full model run over the same sequence.
 */
function stepThrough(compiled: CompiledModel, plan: StepPlan, inputs: tf.Tensor[]): tf.Tensor {
  const n = inputs[0].shape[0];
  const { statics, states: fromPrefix } = plan.runPrefix(plan.prefixInputs.map((i) => inputs[i]));
  let states = plan.states.map((s) => (s.fromPrefix ? fromPrefix.shift()! : tf.zeros([n, s.size])));
  const seq = inputs[plan.feedbackInputs[0]];
  const steps = seq.shape[1]!;
  const outs: tf.Tensor[] = [];
  for (let t = 0; t < steps; t++) {
    const x = seq.rank === 2 ? tf.slice(seq, [0, t], [n, 1]) : tf.slice(seq, [0, t, 0], [n, 1, -1]);
    const feeds = plan.staticFeeds.map((f, k) => (f.aligned ? tf.slice(statics[k], [0, t], [n, 1]) : statics[k]));
    const result = plan.step.predict([x, ...feeds, ...states]) as tf.Tensor[];
    outs.push(result[0]);
    states = result.slice(plan.stepOutputs.length);
  }
  return tf.concat(outs, 1);
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  return (await tf.max(tf.abs(tf.sub(a, b))).data())[0];
}

describe('step model', () => {
  it('a stacked LSTM with an mdn head gives, step by step, what the full model gives', async () => {
    const compiled = compileGraph(
      makeGraph(
        { strokes: ['SequenceInput', { timesteps: null, features: 5, feedback: 'pen' }], rnn: ['Stack', { cell: 'LSTM', layers: 2, units: 12, returnSequences: true }], pen: ['Output', { head: 'mdn', mixtures: 3 }] },
        ['strokes.out -> rnn.in', 'rnn.out -> pen.in'],
      ),
    );
    const plan = buildStepPlan(compiled);
    expect(plan.states).toHaveLength(4);
    expect(plan.prefix).toBeNull();
    const x = tf.randomNormal([3, 7, 5], 0, 1, 'float32', 3);
    expect(await maxDiff(stepThrough(compiled, plan, [x]), compiled.model.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('a seq2seq decoder started by the encoder state steps exactly, the encoder running once', async () => {
    const compiled = compileGraph(
      makeGraph(
        {
          answerIn: ['TokenInput', { timesteps: null, vocabSize: 9, feedback: 'answer' }],
          question: ['TokenInput', { timesteps: null, vocabSize: 9 }],
          qEmbed: ['Embedding', { vocabSize: 9, dim: 4 }],
          encoder: ['GRU', { units: 6 }],
          aEmbed: ['Embedding', { vocabSize: 9, dim: 4 }],
          decoder: ['GRU', { units: 6, returnSequences: true }],
          answer: ['Output', { head: 'softmax', units: 9 }],
        },
        ['question.out -> qEmbed.in', 'qEmbed.out -> encoder.in', 'answerIn.out -> aEmbed.in', 'aEmbed.out -> decoder.in', 'encoder.h -> decoder.h0', 'decoder.out -> answer.in'],
      ),
    );
    const plan = buildStepPlan(compiled);
    expect(plan.feedbackInputs).toEqual([0]);
    expect(plan.prefixInputs).toEqual([1]);
    expect(plan.states).toEqual([{ size: 6, fromPrefix: true }]);
    const q = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]], undefined, 'int32');
    const a = tf.tensor2d([[1, 3, 2], [1, 8, 0]], undefined, 'int32');
    const full = compiled.model.predict([a, q]) as tf.Tensor;
    expect(await maxDiff(stepThrough(compiled, plan, [a, q]), full)).toBeLessThan(1e-5);
  });

  it('a caption decoder joined to a repeated image vector reads that vector one step at a time', async () => {
    const compiled = compileGraph(
      makeGraph(
        {
          words: ['TokenInput', { timesteps: 5, vocabSize: 7, feedback: 'word' }],
          picture: ['VectorInput', { size: 3 }],
          repeat: ['RepeatVector', { n: 5 }],
          embed: ['Embedding', { vocabSize: 7, dim: 4 }],
          join: ['Concatenate', {}],
          decoder: ['LSTM', { units: 8, returnSequences: true }],
          word: ['Output', { head: 'softmax', units: 7 }],
        },
        ['picture.out -> repeat.in', 'words.out -> embed.in', 'embed.out -> join.in', 'repeat.out -> join.in', 'join.out -> decoder.in', 'decoder.out -> word.in'],
      ),
    );
    const plan = buildStepPlan(compiled);
    expect(plan.staticFeeds).toEqual([{ aligned: true, steps: 5 }]);
    const words = tf.tensor2d([[1, 2, 3, 4, 5], [6, 5, 4, 3, 2]], undefined, 'int32');
    const picture = tf.randomNormal([2, 3], 0, 1, 'float32', 4);
    const full = compiled.model.predict([words, picture]) as tf.Tensor;
    expect(await maxDiff(stepThrough(compiled, plan, [words, picture]), full)).toBeLessThan(1e-5);
  });

  it('the one-to-many template: a projected image starts both decoder states, and stepping matches the full model', async () => {
    const loaded = parseGraphText(readFileSync(join(__dirname, '../../assets/templates/one-to-many.seqwire.json'), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    const compiled = compileGraph(loaded.graph);
    const plan = buildStepPlan(compiled);
    expect(plan.states).toEqual([{ size: 64, fromPrefix: true }, { size: 64, fromPrefix: true }]);
    const inputs = compiled.inputs.map((i) =>
      i.nodeType === 'TokenInput' ? tf.tensor2d([[1, 4, 5, 6], [1, 7, 8, 2]], undefined, 'int32') : tf.randomNormal([2, 16, 16, 1], 0, 1, 'float32', 5),
    );
    const full = compiled.model.predict(inputs) as tf.Tensor;
    expect(await maxDiff(stepThrough(compiled, plan, inputs), full)).toBeLessThan(1e-5);
  });

  it('refuses a bidirectional layer after a feedback input, naming it', () => {
    const compiled = compileGraph(
      makeGraph(
        { x: ['SequenceInput', { timesteps: null, features: 2, feedback: 'y' }], rnn: ['LSTM', { units: 3, returnSequences: true, bidirectional: 'concat' }], y: ['Output', { head: 'linear', units: 2 }] },
        ['x.out -> rnn.in', 'rnn.out -> y.in'],
      ),
    );
    expect(() => buildStepPlan(compiled)).toThrow(NotSteppableError);
    expect(() => buildStepPlan(compiled)).toThrow(/"rnn".*both directions/);
  });
});
