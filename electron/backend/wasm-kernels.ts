import * as tf from '@tensorflow/tfjs';
import { registerWasmMatMul } from './wasm-matmul';

/**
 * Kernels that training needs and the WebAssembly backend of tfjs 4.22 lacks,
 * filled in with JavaScript that reads the inputs from wasm memory and writes
 * the result back. They run once per training step on gradient-sized data,
 * so plain loops are fast enough.
 *
 * - `UnsortedSegmentSum`: the gradient of `gather`, i.e. of every Embedding.
 * - `Conv2DBackpropFilter`: the gradient of a Conv2D kernel. For the layout
 *   Seqwire uses (NHWC) it is a tight loop here; the CPU backend's own kernel
 *   computes the same sums but about 100 times slower (it indexes through
 *   TensorBuffer), so it is only borrowed for the NCHW layout.
 */

interface KernelBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}
type Info = tf.TensorInfo;

/** out[ids[i], ...] += x[i, ...], with x's leading dims flattened to match `ids`; ids outside [0, n) are dropped (as in TensorFlow). */
export function unsortedSegmentSumValues(x: ArrayLike<number>, xShape: number[], ids: ArrayLike<number>, idsRank: number, numSegments: number, dtype: 'float32' | 'int32'): { values: Float32Array | Int32Array; shape: number[] } {
  const inner = xShape.slice(idsRank).reduce((a, b) => a * b, 1);
  const shape = [numSegments, ...xShape.slice(idsRank)];
  const out = dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const from = i * inner;
    const to = s * inner;
    for (let j = 0; j < inner; j++) out[to + j] += x[from + j];
  }
  return { values: out, shape };
}

const unsortedSegmentSum: tf.KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const b = backend as unknown as KernelBackend;
    const x = inputs.x as Info;
    const ids = inputs.segmentIds as Info;
    const numSegments = (attrs as unknown as { numSegments: number }).numSegments;
    const dtype = x.dtype === 'int32' ? 'int32' : 'float32';
    const r = unsortedSegmentSumValues(b.readSync(x.dataId) as Float32Array, x.shape, b.readSync(ids.dataId) as Int32Array, ids.shape.length, numSegments, dtype);
    return { dataId: b.write(r.values, r.shape, dtype), shape: r.shape, dtype };
  },
};

/**
 * dW[kh, kw, ci, co] = sum over b, oh, ow of x[b, oh*sh + kh - top, ow*sw + kw - left, ci] * dy[b, oh, ow, co],
 * for NHWC data; positions that fall in the padding add nothing.
 */
export function conv2dFilterGradNhwc(x: ArrayLike<number>, dy: ArrayLike<number>, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dW = new Float32Array(KH * KW * Ci * Co);
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const dyOff = ((b * OH + oh) * OW + ow) * Co;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw - left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((b * H + ih) * W + iw) * Ci;
            const wOff = (kh * KW + kw) * Ci * Co;
            for (let ci = 0; ci < Ci; ci++) {
              const xv = x[xOff + ci];
              if (xv === 0) continue;
              const row = wOff + ci * Co;
              for (let co = 0; co < Co; co++) dW[row + co] += xv * dy[dyOff + co];
            }
          }
        }
      }
    }
  }
  return dW;
}

interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

const conv2dBackpropFilter = (fallback: tf.KernelConfig): tf.KernelConfig => ({
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: (args) => {
    const a = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    if (a.dataFormat !== 'NHWC') return fallback.kernelFunc(args);
    const b = args.backend as unknown as KernelBackend;
    const x = args.inputs.x as Info;
    const dy = args.inputs.dy as Info;
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
    const values = conv2dFilterGradNhwc(b.readSync(x.dataId) as Float32Array, b.readSync(dy.dataId) as Float32Array, info);
    return { dataId: b.write(values, a.filterShape, 'float32'), shape: a.filterShape, dtype: 'float32' };
  },
});

/** A wasm kernel that runs the CPU backend's kernel of the same name on copies of its inputs. */
function borrowedFromCpu(kernelName: string): tf.KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as KernelBackend;
      const cpu = tf.findBackend('cpu') as unknown as KernelBackend | null;
      const kernel = tf.getKernel(kernelName, 'cpu');
      if (!cpu || !kernel) throw new Error(`the WebAssembly backend has no ${kernelName} kernel and the CPU backend to borrow it from is missing`);
      const moved: Record<string, Info> = {};
      for (const [name, t] of Object.entries(inputs)) {
        const info = t as Info;
        moved[name] = { dataId: cpu.write(wasm.readSync(info.dataId), info.shape, info.dtype), shape: info.shape, dtype: info.dtype };
      }
      try {
        const out = kernel.kernelFunc({ inputs: moved, backend: cpu as unknown as tf.KernelBackend, attrs }) as Info;
        const values = cpu.readSync(out.dataId);
        cpu.disposeData(out.dataId, true);
        return { dataId: wasm.write(values, out.shape, out.dtype), shape: out.shape, dtype: out.dtype };
      } finally {
        for (const info of Object.values(moved)) cpu.disposeData(info.dataId, true);
      }
    },
  };
}

/** The kernels this module adds, by name. */
export const WASM_GAP_KERNELS = ['UnsortedSegmentSum', 'Conv2DBackpropFilter'] as const;

/** Registers the missing kernels for the wasm backend, and the faster BatchMatMul (wasm-matmul.ts); safe to call more than once. */
export function registerWasmGapKernels(): void {
  const configs = [unsortedSegmentSum, conv2dBackpropFilter(borrowedFromCpu('Conv2DBackpropFilter'))];
  for (const config of configs) {
    if (!tf.getKernel(config.kernelName, 'wasm')) tf.registerKernel(config);
  }
  registerWasmMatMul();
}
