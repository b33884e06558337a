import type * as tf from '@tensorflow/tfjs';
import { FUSED_ADAM_KERNEL, GLOBAL_NORM_KERNEL, type FusedAdamAttrs } from '../../../core/train/step-kernels';
import { ioFor, size, type Info } from './io';
import type { RnnModule } from './module';

/**
 * The kernels of an optimisation step, for the wasm and cpu backends, each
 * one call however many variables the model has:
 * - the fused Adam update (core/train/fused-adam.ts; the contract in core/train/step-kernels.ts): every variable's value,
 *   gradient and slots copied into rnn.wasm, updated there by adam.c, and
 *   handed back as new tensors (value, m, s of variable 0, then of 1, ...);
 * - the gradients' global norm (core/train/clip.ts): the square root of the
 *   sum of every gradient's squares (norm.c, summed in double).
 */
export function adamKernel(m: RnnModule, backendName: string): tf.KernelConfig {
  const update = m.fn('adam_update');
  return {
    kernelName: FUSED_ADAM_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as FusedAdamAttrs;
      m.reset();
      const vars = Array.from({ length: a.count }, (_, i) => {
        const value = inputs[`value${i}`] as Info;
        const n = size(value.shape);
        const [pv, pg, pm, ps] = (['value', 'grad', 'm', 's'] as const).map((name) => m.put(io.read(inputs[`${name}${i}`] as Info)));
        update(n, pv, pg, pm, ps, a.b1, a.omb1, a.b2, a.omb2, a.c1, a.c2, a.eps, a.neglr);
        return { shape: value.shape, n, at: [pv, pm, ps] };
      });
      return vars.flatMap(({ shape, n, at }) => at.map((p) => io.output(m.view(p, n), shape)));
    },
  };
}

export function globalNormKernel(m: RnnModule, backendName: string): tf.KernelConfig {
  const sumSquares = m.fn('sum_squares');
  return {
    kernelName: GLOBAL_NORM_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend }) => {
      const io = ioFor(backendName, backend);
      let total = 0;
      for (const info of Object.values(inputs) as Info[]) {
        m.reset();
        const values = io.read(info);
        total += sumSquares(values.length, m.put(values));
      }
      return io.output(Float32Array.of(Math.sqrt(total)), []);
    },
  };
}
