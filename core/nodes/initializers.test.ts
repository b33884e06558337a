import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { modelFromFiles, modelToFiles } from '../export/tfjs-files';
import { analyzeGraph } from '../validate/analyze';
import { compileChecked } from './node-test-kit';
import { initFromConfig } from './initializers';

await tf.setBackend('cpu');

const oneCell = (type: string, params: Record<string, unknown>) =>
  makeGraph(
    { x: ['SequenceInput', { timesteps: 4, features: 3 }], rnn: [type, { units: 8, ...params }], y: ['Output', { head: 'linear', units: 1 }] },
    ['x.out -> rnn.in', 'rnn.out -> y.in'],
  );

/** A recurrent layer's weights in Keras order: kernel, recurrent_kernel, bias. */
const weight = (model: tf.LayersModel, layer: string, which: 'kernel' | 'recurrent_kernel' | 'bias') =>
  model.getLayer(layer).getWeights()[['kernel', 'recurrent_kernel', 'bias'].indexOf(which)];

/** The largest singular value, from the eigenvalues of WᵀW by power iteration. */
function spectralNorm(w: tf.Tensor): number {
  return tf.tidy(() => {
    const m = tf.matMul(w, w, true, false);
    let v: tf.Tensor = tf.ones([m.shape[0], 1]);
    for (let i = 0; i < 200; i++) v = tf.div(tf.matMul(m, v), tf.norm(v));
    return Math.sqrt(tf.norm(tf.matMul(m, v)).dataSync()[0] / tf.norm(v).dataSync()[0]);
  });
}

describe('recurrent init params', () => {
  it('a SimpleRNN with recurrentGain 0.8 starts with a recurrent matrix whose every singular value is 0.8', () => {
    const { compiled } = compileChecked(oneCell('SimpleRNN', { recurrentGain: 0.8 }));
    const u = weight(compiled.model, 'rnn', 'recurrent_kernel');
    const gram = tf.tidy(() => tf.matMul(u, u, true, false).arraySync() as number[][]);
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 0.64 : 0, 4)));
  });

  it('an LSTM starts its forget gate bias at forgetBias and the other gates at 0', () => {
    for (const forgetBias of [0, 1, 3]) {
      const { compiled } = compileChecked(oneCell('LSTM', { forgetBias }));
      const b = Array.from(weight(compiled.model, 'rnn', 'bias').dataSync());
      expect(b.slice(8, 16)).toEqual(new Array(8).fill(forgetBias));
      expect([...b.slice(0, 8), ...b.slice(16)].every((v) => v === 0)).toBe(true);
    }
  });

  it('randomNormal and glorotUniform scale with the gain; identity is gain times the identity', () => {
    const norm = (params: Record<string, unknown>) => spectralNorm(weight(compileChecked(oneCell('SimpleRNN', { units: 64, ...params })).compiled.model, 'rnn', 'recurrent_kernel'));
    expect(norm({ recurrentInitializer: 'randomNormal', recurrentGain: 3 }) / norm({ recurrentInitializer: 'randomNormal', recurrentGain: 1 })).toBeCloseTo(3, 0);
    expect(norm({ recurrentInitializer: 'glorotUniform', recurrentGain: 2 }) / norm({ recurrentInitializer: 'glorotUniform', recurrentGain: 1 })).toBeCloseTo(2, 0);
    const eye = weight(compileChecked(oneCell('SimpleRNN', { recurrentInitializer: 'identity', recurrentGain: 0.5 })).compiled.model, 'rnn', 'recurrent_kernel');
    expect(Array.from(eye.dataSync()).filter((v) => v !== 0)).toEqual(new Array(8).fill(0.5));
  });

  it('identity on an LSTM or on a GRU Stack is a diagnostic on that node, not a crash', () => {
    const d = analyzeGraph(oneCell('LSTM', { recurrentInitializer: 'identity' })).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => [x.code, x.nodeId])).toEqual([['invalid-param', 'rnn']]);
    expect(d[0].message).toMatch(/square/);
    const s = analyzeGraph(oneCell('Stack', { cell: 'GRU', recurrentInitializer: 'identity' })).diagnostics.filter((x) => x.severity === 'error');
    expect(s.map((x) => x.nodeId)).toEqual(['rnn']);
  });

  it('a Stack of LSTMs gives every layer the forget bias and the gain', () => {
    const { compiled } = compileChecked(oneCell('Stack', { cell: 'LSTM', layers: 2, forgetBias: 2, recurrentGain: 0.5 }));
    for (const name of ['rnn_1', 'rnn_2']) {
      expect(Array.from(weight(compiled.model, name, 'bias').dataSync()).slice(8, 16)).toEqual(new Array(8).fill(2));
      expect(spectralNorm(weight(compiled.model, name, 'recurrent_kernel'))).toBeCloseTo(0.5, 2);
    }
  });

  it('the init params survive the tfjs model files and read back from their config', async () => {
    const { compiled } = compileChecked(oneCell('LSTM', { forgetBias: 3, recurrentInitializer: 'glorotUniform', recurrentGain: 0.7 }));
    const files = await modelToFiles(compiled.model);
    const again = await modelFromFiles(files);
    const layer = (files.modelJson.modelTopology as { config: { layers: { name: string; config: Record<string, unknown> }[] } }).config.layers.find((l) => l.name === 'rnn')!;
    const back = initFromConfig(layer.config, 8);
    expect(back.recurrentInitializer).toBe('glorotUniform');
    expect(back.recurrentGain).toBeCloseTo(0.7, 6);
    expect(back.forgetBias).toBe(3);
    expect(again.getLayer('rnn').getConfig().unitForgetBias).toBe(false);
    const fresh = tf.layers.lstm({ units: 8, ...(again.getLayer('rnn').getConfig() as object), name: 'fresh' });
    fresh.apply(tf.input({ shape: [4, 3] }));
    expect(Array.from(fresh.getWeights()[2].dataSync()).slice(8, 16)).toEqual(new Array(8).fill(3));
  });
});
