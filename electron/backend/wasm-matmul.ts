import * as tf from '@tensorflow/tfjs';

/**
 * BatchMatMul for the WebAssembly backend that keeps every gradient matMul on
 * XNNPACK.
 *
 * tfjs-backend-wasm 4.22 hands a matMul to XNNPACK only when neither operand
 * is transposed and both have a batch of one; anything else runs a scalar loop
 * about ten times slower. Every gradient of a Dense or recurrent kernel is a
 * transposed matMul (dW = xᵀ·dy, dx = dy·Wᵀ), so training spent half its step
 * there. This kernel transposes the operand first with the backend's own
 * Transpose kernel and folds a batched `a` against a single `b` into rows,
 * then calls the backend's own BatchMatMul, which now takes its fast path.
 * The sums are the same products added in the same order, so results equal
 * those of the scalar loop.
 *
 * Left to the original kernel: non-float32 operands (which it refuses with its
 * own message), empty tensors, and a batched `b` (one XNNPACK operator per
 * matrix would cost more than it saves on the sizes Seqwire's attention uses).
 */

interface DisposingBackend {
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}
type Info = tf.TensorInfo;
interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** The permutation that swaps the last two axes of a tensor of rank `rank`. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Wraps `original` (the backend's BatchMatMul); `transpose` and `reshape` are the same backend's kernels. */
export function transposingBatchMatMul(original: tf.KernelConfig, transpose: tf.KernelConfig, reshape: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    // The original binds its wasm function here; the engine calls this on every switch to wasm.
    setupFunc: original.setupFunc,
    disposeFunc: original.disposeFunc,
    kernelFunc: (args) => {
      const { inputs, backend } = args;
      const a = inputs.a as Info;
      const b = inputs.b as Info;
      const { transposeA, transposeB } = args.attrs as unknown as MatMulAttrs;
      const batchA = size(a.shape.slice(0, -2));
      const batchB = size(b.shape.slice(0, -2));
      const plain = !transposeA && !transposeB && batchA === 1;
      if (plain || batchB !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32' || size(a.shape) === 0 || size(b.shape) === 0) {
        return original.kernelFunc(args);
      }
      const temps: Info[] = [];
      const run = (kernel: tf.KernelConfig, x: Info, attrs: object): Info => {
        const out = kernel.kernelFunc({ inputs: { x }, backend, attrs: attrs as tf.NamedAttrMap }) as Info;
        temps.push(out);
        return out;
      };
      try {
        const a2 = transposeA ? run(transpose, a, { perm: swapLastTwo(a.shape.length) }) : a;
        const b2 = transposeB ? run(transpose, b, { perm: swapLastTwo(b.shape.length) }) : b;
        const [m, k] = a2.shape.slice(-2);
        const n = b2.shape[b2.shape.length - 1];
        if (k !== b2.shape[b2.shape.length - 2]) return original.kernelFunc(args); // let tfjs word the shape error
        const rows = run(reshape, a2, { shape: [1, batchA * m, k] });
        const matrix = run(reshape, b2, { shape: [1, k, n] });
        const out = original.kernelFunc({ inputs: { a: rows, b: matrix }, backend, attrs: { transposeA: false, transposeB: false } }) as Info;
        const outer = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
        return { ...out, shape: [...outer, m, n] };
      } finally {
        for (const t of temps) (backend as unknown as DisposingBackend).disposeData(t.dataId);
      }
    },
  };
}

let installed: tf.KernelConfig | undefined;
let original: tf.KernelConfig | undefined;

/** Replaces the wasm backend's BatchMatMul with the transposing one; safe to call more than once. */
export function registerWasmMatMul(): void {
  const current = tf.getKernel('BatchMatMul', 'wasm');
  if (!current || current === installed) return;
  const transpose = tf.getKernel('Transpose', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  if (!transpose || !reshape) return;
  original = current;
  installed = transposingBatchMatMul(current, transpose, reshape);
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(installed);
}

/** Switches between the transposing BatchMatMul (on, the default) and tfjs's own, for the bench's before/after figure. */
export function setTransposingMatMul(on: boolean): void {
  const wanted = on ? installed : original;
  if (!wanted || tf.getKernel('BatchMatMul', 'wasm') === wanted) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(wanted);
}
