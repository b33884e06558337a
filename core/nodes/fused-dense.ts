import * as tf from '@tensorflow/tfjs';
import { fusedRecurrentEnabled } from './fused-rnn';

/**
 * Large Dense layers (a head over every step of a sequence, say: 2,048 rows
 * of 128 into 123 for the stroke template) through rnn.wasm's GEMM, forward
 * and backward, instead of tfjs-backend-wasm's matMul, which runs these
 * shapes at about 20 GFLOP/s (its transposed gradients first copy an operand).
 * The kernels are registered by the main side (electron/backend/fused) for
 * the backends that have them; core finds them through tfjs's kernel
 * registry, and where they are absent, the fused path is off or the layer is
 * small, Dense runs as tfjs's own. Weights, names, config and model files are
 * the layer's own: only its `call` chooses the route.
 *
 * Forward kernel inputs: x [..., F], kernel [F, N], bias [N] (optional);
 * output x·kernel + bias [..., N]. Backward kernel inputs: x, kernel, dy;
 * outputs dx, dKernel, dBias.
 */
export const DENSE_KERNEL = 'SeqwireDense';
export const DENSE_GRAD_KERNEL = 'SeqwireDenseGrad';

/** Multiply-adds below which tfjs's own matMul is kept (copies into rnn.wasm would cost more than they save). */
const MIN_WORK = 1 << 20;

type Grads = Record<string, () => tf.Tensor>;

let gradientRegistered = false;

/** The forward kernel's gradient: one call of the backward kernel. */
function registerDenseGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: DENSE_KERNEL,
    inputsToSave: ['x', 'kernel'],
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): Grads => {
      const [x, kernel] = saved;
      const [dx, dKernel, dBias] = tf.engine().runKernel(DENSE_GRAD_KERNEL, { x, kernel, dy: dy as tf.Tensor }) as tf.Tensor[];
      return { x: () => dx, kernel: () => dKernel, bias: () => dBias };
    },
  });
}

/** x·kernel + bias through the fused kernel, or null where it does not apply. */
export function fusedDense(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor | null {
  // A shape that does not fit goes to tfjs, which words the error.
  if (!fusedRecurrentEnabled() || x.dtype !== 'float32' || x.rank < 2 || kernel.rank !== 2 || x.shape[x.rank - 1] !== kernel.shape[0]) return null;
  if (x.size * (kernel.shape[1] ?? 0) < MIN_WORK || tf.getKernel(DENSE_KERNEL, tf.getBackend()) === undefined) return null;
  registerDenseGradient();
  const inputs: tf.NamedTensorMap = bias ? { x, kernel, bias } : { x, kernel };
  return tf.engine().runKernel(DENSE_KERNEL, inputs) as tf.Tensor;
}

interface Weight {
  read(): tf.Tensor;
}
interface DenseLike {
  kernel: Weight;
  bias: Weight | null;
  activation: { apply(x: tf.Tensor): tf.Tensor };
  invokeCallHook(inputs: tf.Tensor | tf.Tensor[], kwargs: unknown): void;
}
type Call = (this: DenseLike, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) => tf.Tensor | tf.Tensor[];

let patched = false;

/** Routes tfjs's Dense layers through the fused kernel where it applies; later calls do nothing. */
export function useFusedDenseCall(): void {
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(tf.layers.dense({ units: 1 })) as { call: Call };
  const original = proto.call;
  proto.call = function (this: DenseLike, inputs, kwargs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const y = fusedDense(x, this.kernel.read(), this.bias ? this.bias.read() : null);
      if (!y) return original.call(this, inputs, kwargs) as tf.Tensor;
      this.invokeCallHook(inputs, kwargs);
      return this.activation.apply(y);
    });
  };
}
