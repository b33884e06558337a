import * as tf from '@tensorflow/tfjs';
import { fusedRecurrentEnabled } from '../nodes/fused-rnn';
import { FUSED_ADAM_KERNEL, type FusedAdamAttrs } from './step-kernels';

/**
 * Adam in one kernel call for all variables where the backend has Seqwire's
 * fused update (electron/backend/fused/update-kernels.ts registers it for wasm and cpu),
 * instead of tfjs's dozen small ops per variable. The update is the same
 * float32 arithmetic in the same order, so the weights are the same bits;
 * the slots are tfjs's own (names, getWeights/setWeights, the beta products),
 * so checkpoints and resumes do not change. Without the kernel (the browser,
 * tfjs-node), or with the fused path switched off (`setFusedRecurrent(false)`,
 * SEQWIRE_FUSED=0), it is tfjs's Adam.
 * The kernel's contract is in step-kernels.ts.
 */

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** tfjs's Adam as far as this class touches it (fields tfjs keeps protected). */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  incrementIterations(): void;
}

export class FusedAdam extends tf.AdamOptimizer {
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    // tfjs's own defaults (tf.train.adam's), so the class stays Adam to anything that reads its config.
    super(learningRate, beta1, beta2, epsilon as number);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!fusedRecurrentEnabled() || !tf.getKernel(FUSED_ADAM_KERNEL, tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((v) => ({ name: v.name, grad: v.tensor }))
      : Object.entries(variableGradients).map(([name, grad]) => ({ name, grad }));
    tf.tidy(() => {
      const inputs: tf.NamedTensorMap = {};
      const updated: { value: tf.Variable; m: tf.Variable; s: tf.Variable }[] = [];
      const slots = this.slotsFor(list.map(({ name }) => tf.engine().registeredVariables[name]));
      list.forEach(({ grad }, i) => {
        if (grad == null) return;
        const k = updated.length;
        Object.assign(inputs, { [`value${k}`]: slots[i].value, [`grad${k}`]: grad, [`m${k}`]: slots[i].m, [`s${k}`]: slots[i].s });
        updated.push(slots[i]);
      });
      const out = updated.length ? (tf.engine().runKernel(FUSED_ADAM_KERNEL, inputs, this.updateAttrs(updated.length) as unknown as tf.NamedAttrMap) as tf.Tensor[]) : [];
      updated.forEach(({ value, m, s }, k) => {
        value.assign(out[3 * k]);
        m.assign(out[3 * k + 1]);
        s.assign(out[3 * k + 2]);
      });
    });
    this.advance();
  }

  /**
   * Each variable with Adam's two slots (made as tfjs makes them, on first
   * use: same names, same order, not trainable), the i-th slots belonging to
   * the i-th variable as in tfjs's own update; for a kernel that updates them itself.
   */
  slotsFor(vars: tf.Variable[]): { value: tf.Variable; m: tf.Variable; s: tf.Variable }[] {
    const self = this as unknown as AdamState;
    return vars.map((value, i) => {
      self.accumulatedFirstMoment[i] ??= { originalName: `${value.name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      self.accumulatedSecondMoment[i] ??= { originalName: `${value.name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      return { value, m: self.accumulatedFirstMoment[i].variable, s: self.accumulatedSecondMoment[i].variable };
    });
  }

  /** The update kernel's attributes for `count` variables at this iteration (float32, as tfjs computes them). */
  updateAttrs(count: number): FusedAdamAttrs {
    const self = this as unknown as AdamState;
    const f = Math.fround;
    return {
      count,
      b1: f(this.beta1),
      omb1: f(1 - this.beta1),
      b2: f(this.beta2),
      omb2: f(1 - this.beta2),
      c1: f(1 - self.accBeta1.dataSync()[0]),
      c2: f(1 - self.accBeta2.dataSync()[0]),
      eps: f(this.epsilon),
      neglr: f(-this.learningRate),
    };
  }

  /**
   * After an update: the beta products and the iteration count go on as
   * tfjs's own step moves them. The products are float32 multiplications,
   * done here in JS (a product of two float32 values is exact in a double,
   * so one rounding gives the float32 product's bits) rather than as two tfjs ops.
   */
  advance(): void {
    const self = this as unknown as AdamState;
    const f = Math.fround;
    for (const [acc, beta] of [[self.accBeta1, this.beta1], [self.accBeta2, this.beta2]] as const) {
      const next = tf.scalar(f(acc.dataSync()[0] * f(beta)));
      acc.assign(next);
      next.dispose();
    }
    self.incrementIterations();
  }
}

/** True for a FusedAdam (`instanceof` cannot say: tfjs's Optimizer answers it for any optimizer, by its methods). */
export function isFusedAdam(optimizer: tf.Optimizer): optimizer is FusedAdam {
  return Object.getPrototypeOf(optimizer) === FusedAdam.prototype;
}
