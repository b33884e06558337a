import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { customLayers } from './custom-layers';

const { DotAttention, MaskSafeAdd, ZerosLike } = customLayers();

/** Saves a model to memory and loads it back, as a user's saved model would be. */
async function reload(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return tf.loadLayersModel(tf.io.fromMemory(artifacts!));
}

describe('DotAttention', () => {
  it('mixes the values with softmax(query · valuesᵀ) weights', () => {
    const query = tf.tensor3d([[[1, 0], [0, 2]]]); // Tq = 2, d = 2
    const values = tf.tensor3d([[[1, 2], [3, 4], [5, 6]]]); // Tv = 3
    const out = new DotAttention().apply([query, values]) as tf.Tensor;
    const expected = [[1, 0], [0, 2]].map((q) => {
      const scores = [[1, 2], [3, 4], [5, 6]].map((v) => q[0] * v[0] + q[1] * v[1]);
      const exps = scores.map(Math.exp);
      const total = exps.reduce((a, b) => a + b, 0);
      return [0, 1].map((k) => exps.reduce((s, e, i) => s + (e / total) * [[1, 2], [3, 4], [5, 6]][i][k], 0));
    });
    expect(out.shape).toEqual([1, 2, 2]);
    (out.arraySync() as number[][][])[0].flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i], 4));
  });

  it('saves and reloads under its registered class name, giving the same outputs', async () => {
    const q = tf.input({ shape: [null, 3] });
    const v = tf.input({ shape: [4, 3] });
    const out = new DotAttention({ name: 'att' }).apply([q, v]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [q, v], outputs: tf.layers.dense({ units: 2 }).apply(out) as tf.SymbolicTensor });
    const again = await reload(model);
    expect(again.getLayer('att').getClassName()).toBe('SeqwireDotAttention');
    const xs = [tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1), tf.randomNormal([2, 4, 3], 0, 1, 'float32', 2)];
    const a = (model.predict(xs) as tf.Tensor).dataSync();
    const b = (again.predict(xs) as tf.Tensor).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});

describe('ZerosLike', () => {
  it('gives zeros of its input shape, and reloads', async () => {
    const x = tf.input({ shape: [4] });
    const model = tf.model({ inputs: x, outputs: new ZerosLike({ name: 'z' }).apply(x) as tf.SymbolicTensor });
    const again = await reload(model);
    const out = again.predict(tf.ones([3, 4])) as tf.Tensor;
    expect(out.shape).toEqual([3, 4]);
    expect(Array.from(out.dataSync()).every((v) => v === 0)).toBe(true);
  });
});

describe('MaskSafeAdd', () => {
  it('keeps a step only where every masked input keeps it, ignoring unmasked inputs', () => {
    const add = new MaskSafeAdd();
    const a = tf.tensor2d([[true, true, false]], [1, 3], 'bool');
    const b = tf.tensor2d([[true, false, true]], [1, 3], 'bool');
    const x = tf.zeros([1, 3, 2]);
    expect(add.computeMask([x, x, x], [a, null as unknown as tf.Tensor, b]).arraySync()).toEqual([[1, 0, 0]]);
    expect(add.computeMask([x, x], [null as unknown as tf.Tensor, null as unknown as tf.Tensor])).toBeNull();
  });

  it('adds as tfjs does, and saves as the Keras class Add', async () => {
    const x = tf.input({ shape: [2] });
    const y = tf.input({ shape: [2] });
    const model = tf.model({ inputs: [x, y], outputs: new MaskSafeAdd({ name: 'sum' }).apply([x, y]) as tf.SymbolicTensor });
    const again = await reload(model);
    expect(again.getLayer('sum').getClassName()).toBe('Add');
    expect((again.predict([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 5]])]) as tf.Tensor).arraySync()).toEqual([[4, 7]]);
  });
});
