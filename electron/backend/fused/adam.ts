import type * as tf from '@tensorflow/tfjs';
import { FUSED_ADAM_KERNEL, type FusedAdamAttrs } from '../../../core/train/fused-adam';
import { ioFor, type Info } from './io';
import type { RnnModule } from './module';

/**
 * The fused Adam update (core/train/fused-adam.ts) as a kernel of the wasm and
 * cpu backends: one variable's value, gradient and slots copied into rnn.wasm,
 * updated there by adam.c, and handed back as three new tensors.
 */
export function adamKernel(m: RnnModule, backendName: string): tf.KernelConfig {
  const update = m.fn('adam_update');
  return {
    kernelName: FUSED_ADAM_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as FusedAdamAttrs;
      const value = inputs.value as Info;
      const n = value.shape.reduce((x, y) => x * y, 1);
      m.reset();
      const [pv, pg, pm, ps] = (['value', 'grad', 'm', 's'] as const).map((name) => m.put(io.read(inputs[name] as Info)));
      update(n, pv, pg, pm, ps, a.b1, a.omb1, a.b2, a.omb2, a.c1, a.c2, a.eps, a.neglr);
      return [pv, pm, ps].map((p) => io.output(m.get(p, n), value.shape));
    },
  };
}
