import * as tf from '@tensorflow/tfjs';
import { DENSE_GRAD_KERNEL, DENSE_KERNEL } from '../../../core/nodes/fused-dense';
import { WasmArena } from './arena';
import { ioFor, type Info } from './io';

/**
 * The Dense kernels of core/nodes/fused-dense.ts on rnn.wasm's GEMM. The
 * GEMM's 4x8 tile is fast only on whole groups of 8 columns (a head of 123
 * outputs would run its last 3 columns one row at a time), so each product is
 * computed with its columns padded to a multiple of 8 and the padding dropped.
 */

let arena: WasmArena | null = null;

const round8 = (n: number) => (n + 7) & ~7;

/** `rows` rows of `width` floats copied into the arena `stride` apart, the gap zeroed; returns the byte offset. */
function putPadded(m: WasmArena, values: Float32Array, rows: number, width: number, stride: number): number {
  const at = m.alloc(rows * stride);
  const view = m.view(at, rows * stride);
  if (stride === width) view.set(values);
  else {
    view.fill(0);
    for (let r = 0; r < rows; r++) view.set(values.subarray(r * width, (r + 1) * width), r * stride);
  }
  return at;
}

/**
 * C [M, N] = A·B (+ `init`, one row repeated, when given) where A(i, k) =
 * A[i*ai + k*ak] and B [K, round8(N)] are in the arena (B's rows padded with
 * zeros); returns C's byte offset, its rows packed N apart.
 */
function gemmPadded(m: WasmArena, M: number, N: number, K: number, A: number, ai: number, ak: number, B: number, init: Float32Array | null): number {
  const Np = round8(N);
  const pc = m.alloc(M * Np);
  if (init) {
    const row = new Float32Array(Np);
    row.set(init);
    const cView = m.view(pc, M * Np);
    for (let i = 0; i < M; i++) cView.set(row, i * Np);
  }
  m.fn('gemm')(M, Np, K, A, ai, ak, B, Np, pc, Np, init ? 1 : 0);
  // Drop the padding in place: row i moves from i*Np to i*N, never over a row still to move.
  const cView = m.view(pc, M * Np);
  if (Np !== N) for (let i = 1; i < M; i++) cView.copyWithin(i * N, i * Np, i * Np + N);
  return pc;
}

/** What both kernels start from: the backend's io, x and the kernel with their sizes, and the arena cleared. */
function callOf(backendName: string, backend: unknown, inputs: tf.NamedTensorInfoMap) {
  const io = ioFor(backendName, backend);
  const x = inputs.x as Info;
  const kernel = inputs.kernel as Info;
  const [F, N] = kernel.shape;
  const rows = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  arena ??= new WasmArena();
  arena.clear();
  return { io, x, kernel, F, N, rows, m: arena };
}

function forwardKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: DENSE_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { io, x, kernel, F, N, rows, m } = callOf(backendName, backend, inputs);
      const px = m.put(io.read(x));
      const bias = inputs.bias ? io.read(inputs.bias as Info) : null;
      const pw = putPadded(m, io.read(kernel), F, N, round8(N));
      const y = gemmPadded(m, rows, N, F, px, F, 1, pw, bias);
      return io.output(m.view(y, rows * N), [...x.shape.slice(0, -1), N]);
    },
  };
}

function backwardKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: DENSE_GRAD_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const { io, x, kernel, F, N, rows, m } = callOf(backendName, backend, inputs);
      // dy once, its rows padded to whole tiles: the left operand of dx = dy·Wᵀ, the right one of dW = xᵀ·dy and db = 1ᵀ·dy.
      const Np = round8(N);
      const pdy = putPadded(m, io.read(inputs.dy as Info), rows, N, Np);
      const w = io.read(kernel);
      const wT = new Float32Array(N * F);
      for (let f = 0; f < F; f++) for (let n = 0; n < N; n++) wT[n * F + f] = w[f * N + n];
      const dx = gemmPadded(m, rows, F, N, pdy, Np, 1, putPadded(m, wT, N, F, round8(F)), null);
      const px = m.put(io.read(x));
      const dW = gemmPadded(m, F, N, rows, px, 1, F, pdy, null);
      const ones = m.put(new Float32Array(rows).fill(1));
      const db = gemmPadded(m, 1, N, rows, ones, rows, 1, pdy, null);
      return [
        io.output(m.view(dx, rows * F), x.shape),
        io.output(m.view(dW, F * N), [F, N]),
        io.output(m.view(db, N), [N]),
      ];
    },
  };
}

/** Registers the Dense kernels for the wasm and cpu backends (once). */
export function registerDenseKernels(): void {
  for (const backendName of ['wasm', 'cpu']) {
    for (const config of [forwardKernel(backendName), backwardKernel(backendName)]) {
      if (!tf.getKernel(config.kernelName, backendName)) tf.registerKernel(config);
    }
  }
}
