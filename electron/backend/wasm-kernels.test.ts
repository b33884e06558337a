import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../../core/compile/fixture';
import { memoryDataset } from '../../core/train/memory-dataset';
import { resolveTrainOptions } from '../../core/train/options';
import { compileSeeded } from '../../core/train/train-graph';
import { Trainer } from '../../core/train/trainer';
import type { EpochEvent } from '../../core/train/events';
import { selectBackend } from './select';
import { unsortedSegmentSumValues } from './wasm-kernels';

describe('WebAssembly kernel gap', () => {
  it('sums rows into segments, dropping ids out of range', () => {
    const r = unsortedSegmentSumValues([1, 2, 3, 4, 5, 6, 7, 8], [4, 2], [2, 0, 2, 9], 1, 3, 'float32');
    expect(r.shape).toEqual([3, 2]);
    expect(Array.from(r.values)).toEqual([3, 4, 0, 0, 6, 8]);
  });

  it('gives the same Embedding gradient on wasm as on cpu', async () => {
    const grad = () => tf.tidy(() => {
      const table = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const ids = tf.tensor2d([[0, 3, 3], [1, 0, 2]], [2, 3], 'int32');
      const weights = tf.tensor3d([[[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5], [6, 6]]]);
      return Array.from(tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), weights)))(table).dataSync());
    });
    await tf.setBackend('cpu');
    const onCpu = grad();
    await selectBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(grad()).toEqual(onCpu);
    expect(onCpu).toEqual([6, 6, 4, 4, 6, 6, 5, 5]);
  });

  it.each([[1, 'same'], [2, 'valid'], [2, 'same']] as const)('gives the Conv2D kernel gradient of the cpu backend (stride %i, padding %s)', async (stride, pad) => {
    const grad = () => tf.tidy(() => {
      const x = tf.randomNormal([3, 9, 11, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w0 = tf.zeros([3, 3, 3, 5]) as tf.Tensor4D;
      const dy = tf.randomNormal(tf.conv2d(x, w0, stride, pad).shape, 0, 1, 'float32', 2);
      return Array.from(tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, stride, pad))(w0, dy).dataSync());
    });
    await tf.setBackend('cpu');
    const onCpu = grad();
    await selectBackend('wasm');
    const onWasm = grad();
    expect(onWasm).toHaveLength(3 * 3 * 3 * 5);
    expect(Math.max(...onWasm.map((v, i) => Math.abs(v - onCpu[i])))).toBeLessThan(1e-4);
    expect(onWasm.some((v) => v !== 0)).toBe(true);
  });

  it('trains an Embedding on the wasm backend', async () => {
    await selectBackend('wasm');
    const graph = makeGraph(
      { ids: ['TokenInput', { timesteps: 4, vocabSize: 6 }], emb: ['Embedding', { vocabSize: 6, dim: 3 }], flat: ['Flatten', {}], y: ['Output', { head: 'softmax', units: 2 }] },
      ['ids.out -> emb.in', 'emb.out -> flat.in', 'flat.out -> y.in'],
    );
    // The label is whether token 5 appears: the embedding of 5 must move for the loss to fall.
    const n = 64;
    const ids = new Int32Array(n * 4);
    const label = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < 4; t++) ids[i * 4 + t] = (i * 7 + t * 3 + (i >> 3)) % 6;
      label[i] = ids.subarray(i * 4, i * 4 + 4).includes(5) ? 1 : 0;
    }
    const dataset = memoryDataset('tokens', { ids: { shape: [n, 4], dtype: 'int32', data: ids }, y: { shape: [n], dtype: 'int32', data: label } });
    const compiled = compileSeeded(graph, 1);
    const before = Array.from(compiled.model.getLayer('emb').getWeights()[0].dataSync());
    const epochs: EpochEvent[] = [];
    const options = resolveTrainOptions({ epochs: 8, batchSize: 16, optimizer: { type: 'adam', learningRate: 0.05 } }, { gradientFlow: false });
    const end = await new Trainer({ compiled, dataset, bindings: { ids: 'ids', y: 'y' }, options }, { onEvent: (e) => e.type === 'epoch' && void epochs.push(e) }).run();
    expect(end).toMatchObject({ type: 'done', backend: 'wasm' });
    expect(epochs[7].loss).toBeLessThan(epochs[0].loss * 0.7);
    const after = Array.from(compiled.model.getLayer('emb').getWeights()[0].dataSync());
    expect(after).not.toEqual(before);
  });
});
