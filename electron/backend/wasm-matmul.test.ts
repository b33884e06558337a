import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random';
import { referenceData, referenceGraph } from '../../bench/train-reference';
import { compileSeeded } from '../../core/train/train-graph';
import { selectBackend } from './select';
import { setTransposingMatMul, transposingBatchMatMul } from './wasm-matmul';

function values(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1));
}

/** The matMul of the same arrays on `backend`: its shape and values. */
async function product(backend: string, aShape: number[], bShape: number[], ta: boolean, tb: boolean): Promise<{ shape: number[]; data: number[] }> {
  if (backend === 'wasm') await selectBackend('wasm');
  else await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = tf.matMul(tf.tensor(values(aShape, 1), aShape), tf.tensor(values(bShape, 2), bShape), ta, tb);
    return { shape: out.shape, data: Array.from(out.dataSync()) };
  });
}

function maxRelativeError(got: number[], want: number[]): number {
  const scale = Math.max(1, ...want.map(Math.abs));
  return Math.max(0, ...got.map((v, i) => Math.abs(v - want[i]) / scale));
}

/** [a shape, b shape, transposeA, transposeB, out shape] */
const CASES: [number[], number[], boolean, boolean, number[]][] = [
  [[3, 4], [4, 5], false, false, [3, 5]],
  [[4, 3], [4, 5], true, false, [3, 5]],
  [[3, 4], [5, 4], false, true, [3, 5]],
  [[4, 3], [5, 4], true, true, [3, 5]],
  [[5, 5], [5, 5], true, true, [5, 5]],
  [[2, 5, 5], [5, 5], true, false, [2, 5, 5]],
  [[37, 65], [65, 129], false, false, [37, 129]],
  [[65, 37], [65, 129], true, false, [37, 129]],
  [[37, 65], [129, 65], false, true, [37, 129]],
  [[65, 37], [129, 65], true, true, [37, 129]],
  [[2, 3, 4], [4, 5], false, false, [2, 3, 5]],
  [[2, 4, 3], [4, 5], true, false, [2, 3, 5]],
  [[2, 3, 4], [1, 5, 4], false, true, [2, 3, 5]],
  [[2, 1, 4, 3], [5, 4], true, true, [2, 1, 3, 5]],
  [[2, 3, 4], [1, 1, 4, 5], false, false, [1, 2, 3, 5]],
  [[2, 3, 4], [2, 5, 4], false, true, [2, 3, 5]],
  [[2, 4, 3], [2, 4, 5], true, false, [2, 3, 5]],
  [[1, 4, 3], [1, 5, 4], true, true, [1, 3, 5]],
  [[0, 4], [4, 5], false, false, [0, 5]],
  [[4, 0], [4, 5], true, false, [0, 5]],
];

describe('BatchMatMul on the WebAssembly backend', () => {
  it.each(CASES)('multiplies %j by %j (transposeA %s, transposeB %s) into %j as the cpu backend does', async (aShape, bShape, ta, tb, outShape) => {
    const want = await product('cpu', aShape, bShape, ta, tb);
    const got = await product('wasm', aShape, bShape, ta, tb);
    expect(tf.getBackend()).toBe('wasm');
    expect(want.shape).toEqual(outShape);
    expect(got.shape).toEqual(outShape);
    expect(maxRelativeError(got.data, want.data)).toBeLessThan(1e-6);
  });

  it('hands the backend only untransposed matMuls of one matrix when b is a single matrix', async () => {
    await selectBackend('wasm');
    const calls: { a: number[]; b: number[]; ta: boolean; tb: boolean }[] = [];
    const real = tf.getKernel('BatchMatMul', 'wasm')!;
    const recording: tf.KernelConfig = {
      ...real,
      kernelFunc: (args) => {
        const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        const attrs = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
        calls.push({ a: a.shape, b: b.shape, ta: attrs.transposeA, tb: attrs.transposeB });
        return real.kernelFunc(args);
      },
    };
    const kernel = transposingBatchMatMul(recording, tf.getKernel('Transpose', 'wasm')!, tf.getKernel('Reshape', 'wasm')!);
    const backend = tf.backend();
    const run = (aShape: number[], bShape: number[], ta: boolean, tb: boolean) => tf.tidy(() => {
      const a = tf.tensor(values(aShape, 1), aShape);
      const b = tf.tensor(values(bShape, 2), bShape);
      const out = kernel.kernelFunc({ inputs: { a, b }, backend, attrs: { transposeA: ta, transposeB: tb } }) as tf.TensorInfo;
      const data = backend.readSync(out.dataId) as Float32Array;
      backend.disposeData(out.dataId);
      return { shape: out.shape, data: Array.from(data) };
    });
    const before = tf.memory().numBytes;
    const got = run([2, 4, 3], [5, 4], true, true);
    expect(got.shape).toEqual([2, 3, 5]);
    expect(calls).toEqual([{ a: [1, 6, 4], b: [1, 4, 5], ta: false, tb: false }]);
    expect(tf.memory().numBytes).toBe(before);
    const want = await product('cpu', [2, 4, 3], [5, 4], true, true);
    expect(maxRelativeError(got.data, want.data)).toBeLessThan(1e-6);
  });

  it('gives a training step of the reference model the gradients of the cpu backend', async () => {
    const { x, y } = referenceData(32);
    const grads = async (backend: string, initial?: tf.Tensor[]) => {
      if (backend === 'wasm') await selectBackend('wasm');
      else await tf.setBackend(backend);
      const compiled = compileSeeded(referenceGraph(), 1);
      // Both sides start from the same weights, so only the kernels differ.
      if (initial) compiled.model.setWeights(initial);
      const start = compiled.model.getWeights().map((w) => tf.tensor(w.dataSync(), w.shape));
      const xs = tf.tensor3d(x, [32, 20, 8]);
      const ys = tf.tensor2d(y, [32, 4]);
      const vars = compiled.model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads: g } = tf.variableGrads(() => compiled.outputs[0].loss(ys, compiled.model.apply(xs, { training: true }) as tf.Tensor) as tf.Scalar, vars);
      const out = { loss: value.dataSync()[0], grads: vars.map((v) => Array.from(g[v.name].dataSync())), start };
      tf.dispose([xs, ys, value, ...Object.values(g)]);
      compiled.model.dispose();
      return out;
    };
    const want = await grads('cpu');
    const got = await grads('wasm', want.start);
    expect(tf.getBackend()).toBe('wasm');
    expect(got.grads).toHaveLength(8);
    expect(Math.abs(got.loss - want.loss)).toBeLessThan(1e-5);
    for (let i = 0; i < want.grads.length; i++) {
      expect(got.grads[i]).toHaveLength(want.grads[i].length);
      expect(want.grads[i].some((v) => v !== 0)).toBe(true);
      expect(maxRelativeError(got.grads[i], want.grads[i])).toBeLessThan(1e-5);
    }
  });

  it('switches back to tfjs\'s own kernel for the bench and returns to the transposing one', async () => {
    await selectBackend('wasm');
    const ours = tf.getKernel('BatchMatMul', 'wasm');
    try {
      setTransposingMatMul(false);
      const theirs = tf.getKernel('BatchMatMul', 'wasm');
      expect(theirs).not.toBe(ours);
      expect(tf.tidy(() => Array.from(tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]), true, false).dataSync()))).toEqual([26, 30, 38, 44]);
    } finally {
      setTransposingMatMul(true);
    }
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(ours);
  });
});
