import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { makeGraph } from '../compile/fixture';
import type { CompiledModel } from '../compile/types';
import { glimpseBox } from './glimpse';
import { probe } from './probe';

await tf.setBackend('cpu');

const H = 20;
const W = 16;

function glimpseModel(glimpses: number, extra = false): CompiledModel {
  return compileGraph(
    makeGraph(
      {
        img: ['ImageInput', { height: H, width: W, channels: 2 }],
        g: ['Glimpse', { units: 8, glimpses, grid: 4 }],
        digit: ['Output', { head: 'softmax', units: 10 }],
        ...(extra ? { looks: ['Output', { head: 'linear', units: 3 }] } : {}),
      },
      ['img.out -> g.in', 'g.out -> digit.in', ...(extra ? ['g.where -> looks.in'] : [])],
    ),
  );
}

/** A model whose look weights are not zero, so that the glimpses move from step to step (as after training). */
function steered(glimpses: number, extra = false): CompiledModel {
  const compiled = glimpseModel(glimpses, extra);
  const layer = compiled.model.getLayer('g');
  const weights = layer.getWeights();
  weights[3] = tf.randomNormal(weights[3].shape, 0, 0.8, 'float32', 11);
  weights[4] = tf.tensor1d([0.2, -0.3, -0.5, 0.1, 0]);
  layer.setWeights(weights);
  return compiled;
}

const image = () => tf.randomUniform([1, H, W, 2], 0, 1, 'float32', 7);
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('probing a Glimpse node', () => {
  it("gives per glimpse the model's own where, and a box centred there, n strides wide, around filter centres one stride apart", () => {
    const compiled = steered(4);
    const x = image();
    const result = probe(compiled, [x]);
    const [g] = result.glimpses;
    const wire = result.wires.find((w) => w.wire === 'g.where')!;
    expect(wire.shape).toEqual([4, 5]);
    expect(maxDiff(g.where.flat(), wire.values)).toBeLessThan(1e-5);
    // The glimpses really move: not every box is the first one.
    expect(new Set(g.where.map((w) => w[0].toFixed(3))).size).toBeGreaterThan(1);
    g.boxes.forEach((box, t) => {
      const [cx, cy, stride, blur, gain] = g.where[t];
      expect(box.left + box.width / 2).toBeCloseTo(cx + 0.5, 5);
      expect(box.top + box.height / 2).toBeCloseTo(cy + 0.5, 5);
      expect(box.width).toBeCloseTo(4 * stride, 5);
      expect(box.xs).toHaveLength(4);
      expect(box.xs[1] - box.xs[0]).toBeCloseTo(stride, 5);
      expect(box.xs[0] - box.left).toBeCloseTo(stride / 2, 5);
      expect(box.ys[3] + stride / 2).toBeCloseTo(box.top + box.height, 5);
      expect([box.blur, box.gain]).toEqual([blur, gain]);
    });
    tf.dispose(x);
    compiled.model.dispose();
  });

  it("gives what each glimpse read: DRAW's Gaussian filters at its where, normalised per filter, over the image", () => {
    const compiled = steered(3);
    const x = image();
    const [g] = probe(compiled, [x]).glimpses;
    const pixels = x.dataSync();
    const n = 4;
    // One axis of the filterbank, by hand: filter k a Gaussian at centre + (k - n/2 + 0.5)·stride, rows summing to 1.
    const bank = (centre: number, stride: number, sigma: number, size: number) =>
      Array.from({ length: n }, (_, k) => {
        const mu = centre + (k - n / 2 + 0.5) * stride;
        const row = Array.from({ length: size }, (_, i) => Math.exp(-((i - mu) ** 2) / (2 * sigma * sigma)));
        const sum = row.reduce((a, b) => a + b, 0) + 1e-8;
        return row.map((v) => v / sum);
      });
    g.where.forEach(([cx, cy, stride, sigma], t) => {
      const fx = bank(cx, stride, sigma, W);
      const fy = bank(cy, stride, sigma, H);
      const expected: number[] = [];
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          for (let ch = 0; ch < 2; ch++) {
            let sum = 0;
            for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) sum += fy[a][i] * pixels[(i * W + j) * 2 + ch] * fx[b][j];
            expected.push(sum);
          }
        }
      }
      expect(g.patches[t]).toHaveLength(n * n * 2);
      expect(maxDiff(g.patches[t], expected)).toBeLessThan(1e-4);
    });
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('places the untrained first glimpse over the whole image: its filter centres span the longer side, H - 1 pixels', () => {
    const compiled = glimpseModel(3);
    const x = image();
    const [box] = probe(compiled, [x]).glimpses[0].boxes;
    // Pixel i is drawn from i to i + 1. The reader centres at (H + 1) / 2 as DRAW does (DRAW counts pixels from 1),
    // so the grid sits one pixel further down and right than the middle: its centres from pixel 1 to pixel H.
    expect(box.ys[0]).toBeCloseTo(1.5, 4);
    expect(box.ys[3]).toBeCloseTo(H + 0.5, 4);
    expect(box.xs[3] - box.xs[0]).toBeCloseTo(H - 1, 4);
    tf.dispose(x);
    compiled.model.dispose();
  });

  it("after the last glimpse the head's probabilities are the model's prediction", () => {
    const compiled = steered(4);
    const x = image();
    const [head] = probe(compiled, [x]).glimpses[0].heads;
    expect(head.nodeId).toBe('digit');
    expect(head.perStep).toHaveLength(4);
    const predicted = Array.from((compiled.model.predict(x) as tf.Tensor).dataSync());
    expect(maxDiff(head.perStep[3], predicted)).toBeLessThan(1e-6);
    expect(maxDiff(head.model, predicted)).toBeLessThan(1e-6);
    for (const row of head.perStep) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('after glimpse k the head says what the same weights predict when they read only k glimpses', () => {
    const full = steered(4);
    const x = image();
    const [head] = probe(full, [x]).glimpses[0].heads;
    // The per-step rows differ: the prediction changes as the reader looks.
    expect(maxDiff(head.perStep[0], head.perStep[3])).toBeGreaterThan(1e-4);
    for (const k of [1, 2, 3]) {
      const shorter = glimpseModel(k);
      shorter.model.setWeights(full.model.getWeights());
      const predicted = Array.from((shorter.model.predict(x) as tf.Tensor).dataSync());
      expect(maxDiff(head.perStep[k - 1], predicted)).toBeLessThan(1e-6);
      shorter.model.dispose();
    }
    tf.dispose(x);
    full.model.dispose();
  });

  it('applies a head of several layers (Dense, Dropout, then the softmax) after each glimpse, Dropout resting as in prediction', () => {
    const compiled = compileGraph(
      makeGraph(
        {
          img: ['ImageInput', { height: H, width: W, channels: 2 }],
          g: ['Glimpse', { units: 8, glimpses: 3, grid: 4 }],
          mid: ['Dense', { units: 6, activation: 'relu' }],
          drop: ['Dropout', { rate: 0.5 }],
          digit: ['Output', { head: 'softmax', units: 10 }],
        },
        ['img.out -> g.in', 'g.out -> mid.in', 'mid.out -> drop.in', 'drop.out -> digit.in'],
      ),
    );
    const x = image();
    const [head] = probe(compiled, [x]).glimpses[0].heads;
    const predicted = Array.from((compiled.model.predict(x) as tf.Tensor).dataSync());
    expect(head.perStep).toHaveLength(3);
    expect(maxDiff(head.perStep[2], predicted)).toBeLessThan(1e-6);
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('reads per glimpse only the heads fed by the state alone, not one fed by where it looked', () => {
    const compiled = steered(3, true);
    const x = image();
    const [g] = probe(compiled, [x]).glimpses;
    expect(g.heads.map((h) => h.nodeId)).toEqual(['digit']);
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('computes a box from a where row: centre, stride, blur and gain as given', () => {
    expect(glimpseBox([9.5, 4.5, 2, 1.5, 0.7], 3)).toEqual({ left: 7, top: 2, width: 6, height: 6, xs: [8, 10, 12], ys: [3, 5, 7], blur: 1.5, gain: 0.7 });
  });
});
