import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { compileSeeded } from '../train/train-graph';
import { generate } from './generate';
import { mixtureFromRaw } from './head-sample';
import { mixtureDistribution, START_STROKE } from './mdn-sample';
import { argmax } from './random';
import { mixtureFrames } from './replay';

const strokeGraph = () =>
  makeGraph(
    { strokes: ['SequenceInput', { timesteps: null, features: 5, feedback: 'pen' }], rnn: ['LSTM', { units: 12, returnSequences: true }], pen: ['Output', { head: 'mdn', mixtures: 3 }] },
    ['strokes.out -> rnn.in', 'rnn.out -> pen.in'],
  );

const primer = [[0.5, 0, 1, 0, 0], [0, 0.5, 0, 1, 0]];

describe('mixtures traced for a replay', () => {
  it('are kept only for the samples asked for, one per generated step, and leave the drawings as they were', async () => {
    const compiled = compileSeeded(strokeGraph(), 3);
    const plain = await generate(compiled, { n: 3, maxSteps: 12, seed: 5, temperature: 0.7, primer: { strokes: primer } });
    const traced = await generate(compiled, { n: 3, maxSteps: 12, seed: 5, temperature: 0.7, primer: { strokes: primer }, traceMixtures: [0, 2] });
    const [seq] = traced.sequences;
    expect(seq.samples).toEqual(plain.sequences[0].samples);
    expect(plain.sequences[0].mixtures).toBeUndefined();
    expect(seq.mixtures![1]).toBeNull();
    for (const i of [0, 2]) {
      expect(seq.mixtures![i]).toHaveLength(seq.samples[i].length - seq.primed);
      for (const t of seq.mixtures![i]!) {
        expect(t.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
        expect(t.pen.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      }
    }
  });

  it('are the tempered distributions of the model output at the step each sample was drawn', async () => {
    const compiled = compileSeeded(strokeGraph(), 4);
    const temperature = 0.6;
    const { sequences } = await generate(compiled, { n: 2, maxSteps: 10, seed: 2, temperature, primer: { strokes: primer }, traceMixtures: [0, 1] });
    const [seq] = sequences;
    for (let i = 0; i < 2; i++) {
      // The whole model run over what was fed: the start, the primer, then each sample but the last.
      const fed = [[...START_STROKE], ...seq.samples[i].slice(0, -1)];
      const out = tf.tidy(() => (compiled.model.predict(tf.tensor3d([fed])) as tf.Tensor).arraySync() as number[][][])[0];
      seq.mixtures![i]!.forEach((trace, k) => {
        const expected = mixtureDistribution(mixtureFromRaw(out[seq.primed + k], 3), temperature, trace.earlyEnd !== undefined);
        for (const key of ['weights', 'mu1', 'mu2', 'sigma1', 'sigma2', 'rho', 'pen'] as const) {
          trace[key].forEach((v, m) => expect(v).toBeCloseTo(expected[key][m], 4));
        }
      });
    }
  });

  it('near temperature 0 put each move on the centre of the heaviest Gaussian, in drawing coordinates', async () => {
    const compiled = compileSeeded(strokeGraph(), 6);
    const { sequences } = await generate(compiled, { n: 1, maxSteps: 8, seed: 1, temperature: 1e-6, primer: { strokes: primer }, traceMixtures: [0] });
    const [seq] = sequences;
    const frames = mixtureFrames(seq.samples[0], seq.primed, seq.mixtures![0]!);
    expect(frames.length).toBeGreaterThan(2);
    frames.forEach((f, k) => {
      const step = seq.samples[0][seq.primed + k];
      const m = argmax(f.weights);
      expect(f.at[0] + step[0]).toBeCloseTo(f.cx[m], 2);
      expect(f.at[1] + step[1]).toBeCloseTo(f.cy[m], 2);
    });
  });

  it('say when an end drawn too early was struck out, and the pen then drawn without it', async () => {
    const compiled = compileSeeded(strokeGraph(), 2);
    // Push the end logit up: every step's end is far likelier than the pen moving on.
    const pen = compiled.model.getLayer('pen');
    const weights = pen.getWeights();
    const bias = weights[1].arraySync() as number[];
    bias[bias.length - 1] = 20;
    pen.setWeights([weights[0], tf.tensor1d(bias)]);
    const { sequences } = await generate(compiled, { n: 1, maxSteps: 10, seed: 1, temperature: 1, minSteps: 3, traceMixtures: [0] });
    const traces = sequences[0].mixtures![0]!;
    expect(traces).toHaveLength(4);
    for (const t of traces.slice(0, 3)) {
      expect(t.earlyEnd).toBeGreaterThan(0.99);
      expect(t.pen[2]).toBe(0);
    }
    expect(traces[3].earlyEnd).toBeUndefined();
    expect(traces[3].pen[2]).toBeGreaterThan(0.99);
  });

  it('are kept too when a window model draws one stroke per window', async () => {
    const compiled = compileSeeded(
      makeGraph(
        { strokes: ['SequenceInput', { timesteps: 3, features: 5, feedback: 'pen' }], rnn: ['LSTM', { units: 6 }], pen: ['Output', { head: 'mdn', mixtures: 2 }] },
        ['strokes.out -> rnn.in', 'rnn.out -> pen.in'],
      ),
      5,
    );
    const window = [[0, 0, 1, 0, 0], [0.5, 0, 1, 0, 0], [0, 0.5, 1, 0, 0]];
    const result = await generate(compiled, { n: 1, maxSteps: 5, seed: 1, temperature: 0.5, primer: { strokes: window }, traceMixtures: [0] });
    expect(result.mode).toBe('window');
    const [seq] = result.sequences;
    expect(seq.mixtures![0]).toHaveLength(seq.samples[0].length - 3);
    // The first is the model's output for the primer window, tempered.
    const raw = tf.tidy(() => (compiled.model.predict(tf.tensor3d([window])) as tf.Tensor).dataSync());
    expect(seq.mixtures![0]![0].weights[0]).toBeCloseTo(mixtureDistribution(mixtureFromRaw(raw, 2), 0.5).weights[0], 5);
  });
});
