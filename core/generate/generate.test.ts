import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../graph/load';
import { compileGraph } from '../compile/compile';
import { makeGraph } from '../compile/fixture';
import { compileSeeded } from '../train/train-graph';
import type { CompiledModel } from '../compile/types';
import { generate } from './generate';

/** A few hundred Adam steps on one fixed batch: enough for a toy task, fast enough for a unit test. */
function fitBriefly(compiled: CompiledModel, xs: tf.Tensor[], ys: tf.Tensor[], steps: number, learningRate = 0.02): number {
  const optimizer = tf.train.adam(learningRate);
  let last = Infinity;
  for (let i = 0; i < steps; i++) {
    const loss = optimizer.minimize(() => {
      const preds = compiled.model.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[];
      const list = Array.isArray(preds) ? preds : [preds];
      return compiled.outputs.map((o, k) => o.loss(ys[k], list[k])).reduce((a, b) => tf.add(a, b)) as tf.Scalar;
    }, true)!;
    last = loss.dataSync()[0];
    loss.dispose();
  }
  optimizer.dispose();
  return last;
}

/** Squares drawn as stroke-5: four pen-down moves, a pen up, then the end state. */
function squares(n: number): { input: tf.Tensor; target: tf.Tensor } {
  const rows: number[][][] = [];
  for (let i = 0; i < n; i++) {
    const s = 1 + 0.1 * (i % 3);
    const drawing = [[s, 0, 1, 0, 0], [0, s, 1, 0, 0], [-s, 0, 1, 0, 0], [0, -s, 0, 1, 0], [0, 0, 0, 0, 1], [0, 0, 0, 0, 1]];
    rows.push(drawing);
  }
  const target = tf.tensor3d(rows);
  const input = tf.concat([tf.tensor3d(rows.map(() => [[0, 0, 1, 0, 0]])), target.slice([0, 0, 0], [n, 5, 5])], 1);
  return { input, target };
}

const strokeGraph = () =>
  makeGraph(
    { strokes: ['SequenceInput', { timesteps: null, features: 5, feedback: 'pen' }], rnn: ['LSTM', { units: 16, returnSequences: true }], pen: ['Output', { head: 'mdn', mixtures: 2 }] },
    ['strokes.out -> rnn.in', 'rnn.out -> pen.in'],
  );

describe('generation from a briefly trained stroke model', () => {
  it('gives well-formed stroke-5 sequences that end in the end state', async () => {
    // Seeded initial weights: the same brief training every run.
    const compiled = compileSeeded(strokeGraph(), 1);
    const { input, target } = squares(6);
    fitBriefly(compiled, [input], [target], 80, 0.03);
    const result = await generate(compiled, { n: 4, temperature: 0.1, maxSteps: 30, seed: 3 });
    expect(result.mode).toBe('step');
    const [strokes] = result.sequences;
    expect(strokes.head).toBe('mdn');
    for (const sample of strokes.samples) {
      for (const step of sample) {
        expect(step).toHaveLength(5);
        expect(step.slice(2).reduce((a, b) => a + b, 0)).toBe(1);
        expect(step.every(Number.isFinite)).toBe(true);
      }
      expect(sample.at(-1)![4]).toBe(1);
      expect(sample.slice(0, -1).every((s) => s[4] === 0)).toBe(true);
    }
    expect(strokes.stopped).toEqual(['end', 'end', 'end', 'end']);
  });

  it('never gives an empty drawing: a model that ends at once goes on for minSteps, and says so', async () => {
    const compiled = compileSeeded(strokeGraph(), 2);
    // Every target step is the end: the model learns to end at step 1.
    const ends = tf.tensor3d(Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => [0, 0, 0, 0, 1])));
    const input = tf.concat([tf.tensor3d(Array.from({ length: 4 }, () => [[0, 0, 1, 0, 0]])), ends.slice([0, 0, 0], [4, 2, 5])], 1);
    fitBriefly(compiled, [input], [ends], 60, 0.05);
    const bare = await generate(compiled, { n: 4, temperature: 0.1, maxSteps: 20, seed: 3, minSteps: 0 });
    expect(bare.sequences[0].samples.map((s) => s.length)).toEqual([1, 1, 1, 1]);
    const kept = await generate(compiled, { n: 4, temperature: 0.1, maxSteps: 20, seed: 3 });
    for (const sample of kept.sequences[0].samples) {
      expect(sample.length).toBeGreaterThan(3);
      expect(sample.slice(0, 3).every((s) => s[4] === 0)).toBe(true);
    }
    expect(kept.notes.join(' ')).toMatch(/4 of 4 drawings drew the end within their first 3 steps/);
    tf.dispose([ends, input]);
  });

  it('continues a primer, keeping its steps at the start of each sample', async () => {
    const compiled = compileGraph(strokeGraph());
    const primer = [[1, 0, 1, 0, 0], [0, 1, 1, 0, 0]];
    const result = await generate(compiled, { n: 2, maxSteps: 5, seed: 1, primer: { strokes: primer } });
    const [strokes] = result.sequences;
    expect(strokes.primed).toBe(2);
    for (const sample of strokes.samples) expect(sample.slice(0, 2)).toEqual(primer);
  });

  it('gives the same drawings for the same seed', async () => {
    const compiled = compileGraph(strokeGraph());
    const a = await generate(compiled, { n: 2, maxSteps: 6, seed: 9 });
    const b = await generate(compiled, { n: 2, maxSteps: 6, seed: 9 });
    expect(a.sequences[0].samples).toEqual(b.sequences[0].samples);
  });

  it('stops with a clear message when the model gives NaN', async () => {
    const compiled = compileGraph(strokeGraph());
    const pen = compiled.model.getLayer('pen');
    pen.setWeights(pen.getWeights().map((w) => tf.fill(w.shape, NaN)));
    await expect(generate(compiled, { maxSteps: 5 })).rejects.toThrow(/NaN .* Output "pen", step 1.*clipNorm/);
  });
});

/** Copy two digits (ids 3 to 6), then the end token 2; the decoder starts from token 1. */
function copyTask() {
  const pairs = [[3, 4], [4, 3], [5, 6], [6, 5], [3, 3], [6, 6], [4, 5], [5, 4]];
  const question = tf.tensor2d(pairs, undefined, 'int32');
  const answerIn = tf.tensor2d(pairs.map(([a, b]) => [1, a, b]), undefined, 'int32');
  const answer = tf.tensor2d(pairs.map(([a, b]) => [a, b, 2]), undefined, 'float32');
  return { pairs, question, answerIn, answer };
}

const seq2seqGraph = () =>
  makeGraph(
    {
      question: ['TokenInput', { timesteps: null, vocabSize: 7 }],
      qEmbed: ['Embedding', { vocabSize: 7, dim: 8 }],
      encoder: ['LSTM', { units: 24 }],
      answerIn: ['TokenInput', { timesteps: null, vocabSize: 7, feedback: 'answer' }],
      aEmbed: ['Embedding', { vocabSize: 7, dim: 8 }],
      decoder: ['LSTM', { units: 24, returnSequences: true }],
      answer: ['Output', { head: 'softmax', units: 7 }],
    },
    ['question.out -> qEmbed.in', 'qEmbed.out -> encoder.in', 'answerIn.out -> aEmbed.in', 'aEmbed.out -> decoder.in', 'encoder.h -> decoder.h0', 'encoder.c -> decoder.c0', 'decoder.out -> answer.in'],
  );

describe('seq2seq decoding', () => {
  it('runs the encoder once and decodes from the start token until the end token', async () => {
    const compiled = compileSeeded(seq2seqGraph(), 1);
    const { pairs, question, answerIn, answer } = copyTask();
    const byInput = compiled.inputs.map((i) => (i.nodeId === 'question' ? question : answerIn));
    fitBriefly(compiled, byInput, [answer], 100, 0.03);
    const result = await generate(compiled, { temperature: 0, maxSteps: 10, startToken: 1, endToken: 2, conditions: { question: pairs } });
    const [seq] = result.sequences;
    expect(seq.stopped.every((s) => s === 'end')).toBe(true);
    const ids = seq.samples.map((sample) => sample.map((s) => s[0]));
    for (const row of ids) expect(row.at(-1)).toBe(2);
    const correct = ids.filter((row, i) => row.length === 3 && row[0] === pairs[i][0] && row[1] === pairs[i][1]).length;
    expect(correct).toBeGreaterThanOrEqual(6);
  });

  it('without an end token stops at max steps and says why', async () => {
    const compiled = compileGraph(seq2seqGraph());
    const result = await generate(compiled, { maxSteps: 4, startToken: 1, conditions: { question: [3, 4] } });
    expect(result.sequences[0].samples[0]).toHaveLength(4);
    expect(result.sequences[0].stopped).toEqual(['max-steps']);
    expect(result.notes.join(' ')).toMatch(/no end token/);
  });

  it('names a condition that is missing and a start that cannot be made', async () => {
    const compiled = compileGraph(seq2seqGraph());
    await expect(generate(compiled, { startToken: 1 })).rejects.toThrow(/input "question" has no feedback/);
    await expect(generate(compiled, { conditions: { question: [3] } })).rejects.toThrow(/"answerIn" needs a start token .* or a primer/);
  });
});

describe('forecasting', () => {
  it('feeds each prediction of a many-to-one model back through a sliding window', async () => {
    const compiled = compileGraph(
      makeGraph(
        { history: ['SequenceInput', { timesteps: 4, features: 2, feedback: 'next' }], stack: ['Stack', { cell: 'GRU', layers: 2, units: 5 }], next: ['Output', { head: 'linear', units: 2 }] },
        ['history.out -> stack.in', 'stack.out -> next.in'],
      ),
    );
    const primer = [[0, 1], [1, 0], [0, -1], [-1, 0]];
    const result = await generate(compiled, { maxSteps: 6, primer: { history: primer } });
    expect(result.mode).toBe('window');
    const [seq] = result.sequences;
    expect(seq.samples[0]).toHaveLength(10);
    // The first forecast is the model's prediction for the primer window.
    const direct = (compiled.model.predict(tf.tensor3d([primer])) as tf.Tensor).dataSync();
    expect(seq.samples[0][4][0]).toBeCloseTo(direct[0], 5);
    await expect(generate(compiled, { primer: { history: primer.slice(2) } })).rejects.toThrow(/windows of 4 steps: give a primer of at least 4/);
  });
});

describe('conditioned generation', () => {
  it('an image starts the caption decoder (the one-to-many template), each sample from its own image', async () => {
    const loaded = parseGraphText(readFileSync(join(__dirname, '../../assets/templates/one-to-many.seqwire.json'), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    const compiled = compileGraph(loaded.graph);
    const pictures = [0, 1, 2].map((k) => Array.from({ length: 16 }, (_, y) => Array.from({ length: 16 }, (_, x) => [((x + y + k * 5) % 7) / 7])));
    const result = await generate(compiled, { temperature: 0, maxSteps: 6, startToken: 1, endToken: 2, conditions: { picture: pictures } });
    const [words] = result.sequences;
    expect(words.samples).toHaveLength(3);
    for (const sample of words.samples) {
      expect(sample.length).toBeGreaterThan(0);
      expect(sample.length).toBeLessThanOrEqual(6);
      expect(sample.every(([id]) => Number.isInteger(id) && id >= 0 && id < 16)).toBe(true);
    }
  });
});

describe('memory', () => {
  it('generation leaves no tensors behind, in each mode', async () => {
    const compiled = compileGraph(seq2seqGraph());
    const forecast = compileGraph(
      makeGraph(
        { h: ['SequenceInput', { timesteps: 3, features: 1, feedback: 'y' }], rnn: ['GRU', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] },
        ['h.out -> rnn.in', 'rnn.out -> y.in'],
      ),
    );
    const strokes = compileGraph(strokeGraph());
    // The first call builds tfjs internals that stay; count from the second.
    await generate(compiled, { maxSteps: 3, startToken: 1, conditions: { question: [3, 4] } });
    await generate(forecast, { maxSteps: 3, primer: { h: [[1], [2], [3]] } });
    await generate(strokes, { n: 2, maxSteps: 3 });
    const before = tf.memory().numTensors;
    await generate(compiled, { n: 2, maxSteps: 4, startToken: 1, conditions: { question: [3, 4] } });
    await generate(forecast, { n: 2, maxSteps: 4, primer: { h: [[1], [2], [3]] } });
    await generate(strokes, { n: 2, maxSteps: 4 });
    expect(tf.memory().numTensors).toBe(before);
  });
});
