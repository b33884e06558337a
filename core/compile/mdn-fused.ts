import * as tf from '@tensorflow/tfjs';
import { fusedRecurrentEnabled } from '../nodes/fused-rnn';

/**
 * The mixture density loss as one kernel (electron/backend/fused/mdn.c):
 * the loss and its gradients in one pass instead of about eighty small tfjs
 * ops forward and as many backward. The main side registers the kernel for
 * the backends that have it; mdnLoss (mdn.ts) asks for it here and computes
 * the loss with tfjs ops where it is absent or the fused path is off.
 *
 * Kernel inputs: yTrue [..., 5] and yPred [..., 6M+3]; attribute `mixtures`.
 * Outputs: the loss (a scalar), d loss / d yPred, d loss / d yTrue.
 */
export const MDN_LOSS_KERNEL = 'SeqwireMdnLoss';

export interface MdnLossAttrs {
  mixtures: number;
}

/** The most mixtures the kernel takes (mdn.c's MAXM); the Output node allows 100. */
const MAX_MIXTURES = 128;

/** The fused loss, or null when the current backend has no kernel for it (or the fused path is off). */
export function fusedMdnLoss(yTrue: tf.Tensor, yPred: tf.Tensor, mixtures: number): tf.Scalar | null {
  if (!fusedRecurrentEnabled() || mixtures > MAX_MIXTURES || tf.getKernel(MDN_LOSS_KERNEL, tf.getBackend()) === undefined) return null;
  if (yTrue.dtype !== 'float32' || yPred.dtype !== 'float32') return null;
  const attrs: MdnLossAttrs = { mixtures };
  const loss = tf.customGrad((yt, yp, save) => {
    const [value, dPred, dTrue] = tf.engine().runKernel(MDN_LOSS_KERNEL, { yTrue: yt as tf.Tensor, yPred: yp as tf.Tensor }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    (save as tf.GradSaveFunc)([dTrue, dPred]);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(dy, saved[0]), tf.mul(dy, saved[1])] };
  });
  return loss(yTrue, yPred) as tf.Scalar;
}
