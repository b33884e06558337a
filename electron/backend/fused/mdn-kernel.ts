import * as tf from '@tensorflow/tfjs';
import { MDN_LOSS_KERNEL, type MdnLossAttrs } from '../../../core/compile/mdn-fused';
import { WasmArena } from './arena';
import { ioFor } from './io';

/**
 * The mixture density loss of core/compile/mdn-fused.ts as one call of
 * mdn.c's `mdn_loss`: the loss and its gradients with respect to the raw
 * output and the target, in an rnn.wasm instance of its own (the shared one
 * may hold another kernel's saved state between its forward and backward).
 */

let arena: WasmArena | null = null;

function mdnLossKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: MDN_LOSS_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const { mixtures } = attrs as unknown as MdnLossAttrs;
      const yTrue = inputs.yTrue as tf.TensorInfo;
      const yPred = inputs.yPred as tf.TensorInfo;
      const width = yPred.shape[yPred.shape.length - 1];
      const rows = yPred.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      arena ??= new WasmArena();
      const m = arena;
      m.clear();
      const y = m.put(io.read(yTrue));
      const p = m.put(io.read(yPred));
      const dp = m.alloc(rows * width);
      const dy = m.alloc(rows * 5);
      const loss = m.fn('mdn_loss')(rows, mixtures, y, p, dp, dy);
      return [
        io.output(Float32Array.of(loss), []),
        io.output(m.view(dp, rows * width), yPred.shape),
        io.output(m.view(dy, rows * 5), yTrue.shape),
      ];
    },
  };
}

/** Registers the mixture density loss kernel for the wasm and cpu backends (once). */
export function registerMdnLossKernel(): void {
  for (const backendName of ['wasm', 'cpu']) {
    if (!tf.getKernel(MDN_LOSS_KERNEL, backendName)) tf.registerKernel(mdnLossKernel(backendName));
  }
}
