import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { modelFromFiles, modelToFiles } from '../export/tfjs-files';
import { compileChecked, roundTrip } from './node-test-kit';
import { customLayers } from './custom-layers';

const { ResetAfterGRU } = customLayers();

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Keras's reset_after=True GRU step by step in plain numbers, as keras/layers/rnn/gru.py writes it. */
function kerasGru(xs: number[][], W: number[][], U: number[][], b: number[][], units: number): number[] {
  let h = new Array(units).fill(0);
  for (const x of xs) {
    const gate = (k: number, j: number) => {
      const col = k * units + j;
      const fromX = x.reduce((s, v, i) => s + v * W[i][col], 0) + b[0][col];
      const fromH = h.reduce((s, v, i) => s + v * U[i][col], 0) + b[1][col];
      return [fromX, fromH];
    };
    h = h.map((hj, j) => {
      const [xz, hz] = gate(0, j);
      const [xr, hr] = gate(1, j);
      const [xh, hh] = gate(2, j);
      const z = sigmoid(xz + hz);
      const r = sigmoid(xr + hr);
      return z * hj + (1 - z) * Math.tanh(xh + r * hh);
    });
  }
  return h;
}

const random = (rows: number, cols: number, seed: number) => tf.randomNormal([rows, cols], 0, 0.5, 'float32', seed).arraySync() as number[][];

describe('GRU with resetAfter', () => {
  it('computes what Keras computes with reset_after=True, two bias rows included', () => {
    const units = 3;
    const features = 2;
    const layer = new ResetAfterGRU({ units, recurrentActivation: 'sigmoid', inputShape: [4, features] });
    const model = tf.sequential({ layers: [layer] });
    const [W, U, b] = [random(features, 3 * units, 1), random(units, 3 * units, 2), random(2, 3 * units, 3)];
    layer.setWeights([tf.tensor(W), tf.tensor(U), tf.tensor(b)]);
    const xs = random(4, features, 4);
    const out = (model.predict(tf.tensor3d([xs])) as tf.Tensor).arraySync() as number[][];
    kerasGru(xs, W, U, b, units).forEach((v, j) => expect(out[0][j]).toBeCloseTo(v, 5));
  });

  it('counts 3(u(F+u) + 2u) parameters, as Keras does, and as tfjs does', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: null, features: 3 }], rnn: ['GRU', { units: 4, resetAfter: true, bidirectional: 'concat' }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { tfjsParams, ourParams, compiled } = compileChecked(graph);
    const keras = 2 * 3 * (4 * (3 + 4) + 2 * 4) + (8 + 1);
    expect(ourParams).toBe(keras);
    expect(tfjsParams).toBe(keras);
    compiled.model.dispose();
  });

  it('means reset_after=False when a file leaves it out (every GRU written before the param), and keeps it through save and load', () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 5, features: 2 }], rnn: ['GRU', { units: 4 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    expect(compileChecked(graph).ourParams).toBe(3 * (4 * 6 + 4) + 5);
    graph.nodes[1].params = { ...graph.nodes[1].params, resetAfter: true };
    expect(roundTrip(graph).nodes[1].params?.resetAfter).toBe(true);
  });

  it('trains: a step of gradient descent lowers the loss and moves both bias rows', async () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 6, features: 2 }], rnn: ['GRU', { units: 5, resetAfter: true, recurrentDropout: 0.1 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { compiled } = compileChecked(graph);
    const model = compiled.model;
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const xs = tf.randomNormal([16, 6, 2], 0, 1, 'float32', 5);
    const ys = tf.sum(xs, [1, 2]).reshape([16, 1]);
    const biasBefore = model.getLayer('rnn').getWeights()[2].arraySync() as number[][];
    const history = await model.fit(xs, ys, { epochs: 8, batchSize: 16, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses.at(-1)!).toBeLessThan(losses[0]);
    const biasAfter = model.getLayer('rnn').getWeights()[2].arraySync() as number[][];
    expect(biasAfter[0]).not.toEqual(biasBefore[0]);
    expect(biasAfter[1]).not.toEqual(biasBefore[1]);
    model.dispose();
  });

  it('saves as SeqwireGRU and reloads with the same outputs where this module is loaded', async () => {
    const model = tf.sequential({ layers: [tf.layers.bidirectional({ layer: new ResetAfterGRU({ units: 3 }) as unknown as tf.layers.RNN, inputShape: [4, 2] })] });
    const files = await modelToFiles(model);
    expect(JSON.stringify(files.modelJson.modelTopology)).toContain('"SeqwireGRU"');
    const again = await modelFromFiles(files);
    const x = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 6);
    expect(Array.from((again.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
