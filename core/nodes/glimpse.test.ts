import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { exportKeras } from '../export/keras/export-keras';
import { modelFromFiles, modelToFiles } from '../export/tfjs-files';
import { float } from '../shapes/tensor-type';
import { Glimpse } from './glimpse';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';

await tf.setBackend('cpu');

const graph = (params: Record<string, unknown> = {}) =>
  makeGraph(
    { img: ['ImageInput', { height: 20, width: 16, channels: 2 }], g: ['Glimpse', { units: 8, glimpses: 3, grid: 4, ...params }], y: ['Output', { head: 'softmax', units: 10 }] },
    ['img.out -> g.in', 'g.out -> y.in'],
  );

describe('Glimpse', () => {
  it('gives out [units] and where [glimpses, 5] from an image', () => {
    expect(inferNode(Glimpse, { units: 8, glimpses: 3, grid: 4 }, { in: [float(20, 16, 2)] })).toEqual({ ok: true, outputs: { out: float(8), where: float(3, 5) } });
  });

  it('refuses a sequence on its input, naming the port', () => {
    expect(issuesOf(inferNode(Glimpse, { units: 8 }, { in: [float(null, 4)] })).map((i) => [i.code, i.port])).toEqual([['shape-mismatch', 'in']]);
  });

  it('has n·n·C·4u + 4u² + 4u + 5u + 5 parameters, as tfjs counts, and its graph saves and loads', () => {
    const { tfjsParams, ourParams } = compileChecked(graph());
    // The Glimpse, then the softmax head (8 × 10 + 10).
    expect(ourParams).toBe(4 * 4 * 2 * 32 + 8 * 32 + 32 + 8 * 5 + 5 + 90);
    expect(tfjsParams).toBe(ourParams);
    expect(roundTrip(graph())).toEqual(graph());
  });

  it('starts with its first glimpse spanning the whole image: centred, points (side - 1)/(n - 1) apart, gain 1', () => {
    const { compiled } = compileChecked(
      makeGraph({ img: ['ImageInput', { height: 20, width: 16, channels: 2 }], g: ['Glimpse', { units: 8, glimpses: 3, grid: 4 }], y: ['Output', { head: 'linear', units: 5 }] }, ['img.out -> g.in', 'g.where -> y.in']),
    );
    const layer = compiled.model.getLayer('g');
    const [, where] = layer.apply(tf.randomUniform([2, 20, 16, 2], 0, 1, 'float32', 3)) as tf.Tensor[];
    const first = (where.arraySync() as number[][][])[0][0];
    expect(first[0]).toBeCloseTo(8.5, 5);
    expect(first[1]).toBeCloseTo(10.5, 5);
    expect(first[2]).toBeCloseTo(19 / 3, 5);
    expect(first[3]).toBeCloseTo(1, 5);
    expect(first[4]).toBeCloseTo(1, 5);
  });

  it('learns where to look: the gradient reaches the look weights', () => {
    const { compiled } = compileChecked(graph());
    const layer = compiled.model.getLayer('g');
    const look = layer.trainableWeights.find((w) => w.originalName.endsWith('look_kernel'))!;
    const x = tf.randomUniform([2, 20, 16, 2], 0, 1, 'float32', 4);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square((layer.apply(x) as tf.Tensor[])[1])) as tf.Scalar, [look.read() as tf.Variable]);
    expect(tf.norm(Object.values(grads)[0]).dataSync()[0]).toBeGreaterThan(0);
  });

  it('reloads from tfjs files with the same outputs; the Keras export says it cannot write it', async () => {
    const { compiled } = compileChecked(graph());
    const files = await modelToFiles(compiled.model);
    const again = await modelFromFiles(files);
    const x = tf.randomUniform([2, 20, 16, 2], 0, 1, 'float32', 5);
    const d = tf.max(tf.abs(tf.sub(compiled.model.predict(x) as tf.Tensor, again.predict(x) as tf.Tensor))).dataSync()[0];
    expect(d).toBeLessThan(1e-6);
    await expect(exportKeras(compiled, 'm')).rejects.toThrow(/Glimpse reader.*Keras has no layer.*--tfjs/);
  });
});
