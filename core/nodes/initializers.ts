import * as tf from '@tensorflow/tfjs';
import { fastOrthogonal } from './orthogonal';

/**
 * How a recurrent cell's weights start: the recurrent kernel's initializer
 * and gain, and the LSTM forget gate's bias. These decide whether a gradient
 * survives a hundred steps at the start of training (the lecture's point):
 * an orthogonal recurrent matrix keeps the norm of a signal, 0.8 × orthogonal
 * shrinks it by 0.8 a step, and a forget bias of 3 (sigmoid 0.95) keeps an
 * LSTM's cell state almost whole from step to step.
 *
 * Every choice is a built-in tfjs and Keras initializer, saved in the layer's
 * config as Keras writes it, except a forget bias other than 0 or 1, which
 * neither library can say with its own options: it is the registered
 * `SeqwireForgetBias` initializer here and a class of the same name in the
 * Keras script.
 */

/** tfjs exports the initializer class only as a type behind its factories. */
type Initializer = ReturnType<typeof tf.initializers.zeros>;

export const RECURRENT_INITIALIZERS = ['orthogonal', 'glorotUniform', 'identity', 'randomNormal'] as const;
export type RecurrentInitializer = (typeof RECURRENT_INITIALIZERS)[number];

export const INIT_PARAMS = {
  recurrentInitializer: {
    kind: 'choice',
    options: RECURRENT_INITIALIZERS,
    default: 'orthogonal',
    help: 'how the recurrent weights start: orthogonal (keeps norms), glorotUniform, identity (SimpleRNN only), randomNormal (std gain/√units)',
  },
  recurrentGain: { kind: 'float', min: 0, max: 100, default: 1, help: 'scale of the recurrent weights at the start: below 1 gradients vanish, above 1 they explode' },
} as const;

export const FORGET_BIAS_PARAM = {
  forgetBias: { kind: 'float', min: -20, max: 20, default: 1, help: 'start of the forget gate bias (Keras: 1); 3 keeps about 95 % of the cell state a step' },
} as const;

/** The init params of a cell; `forgetBias` is used by LSTMs only. */
export interface InitParams {
  recurrentInitializer: RecurrentInitializer;
  recurrentGain: number;
  forgetBias?: number;
}

export const DEFAULT_INIT: InitParams = { recurrentInitializer: 'orthogonal', recurrentGain: 1, forgetBias: 1 };

/** The tfjs initializer of a recurrent kernel of `units` rows. */
export function recurrentKernelInitializer(kind: RecurrentInitializer, gain: number, units: number): Initializer {
  switch (kind) {
    case 'orthogonal':
      // Not tf.initializers.orthogonal: that is tfjs's own class, with a QR that takes minutes for 256 units.
      return new (fastOrthogonal())({ gain }) as unknown as Initializer;
    case 'identity':
      return tf.initializers.identity({ gain });
    case 'glorotUniform':
      // Glorot uniform is variance scaling 1 over the average fan; a gain g scales the weights by g.
      return tf.initializers.varianceScaling({ scale: gain * gain, mode: 'fanAvg', distribution: 'uniform' });
    case 'randomNormal':
      // Std gain/√units gives a spectral radius near gain (the circular law), comparable with orthogonal × gain.
      return tf.initializers.randomNormal({ mean: 0, stddev: gain / Math.sqrt(units) });
  }
}

/** Reads the init params back from a saved recurrent layer config (camelCase or snake_case), or null when not one of ours. */
export function initFromConfig(config: Record<string, unknown>, units: number): Partial<InitParams> {
  const out: Partial<InitParams> = {};
  const rec = (config.recurrent_initializer ?? config.recurrentInitializer) as { class_name?: string; className?: string; config?: Record<string, unknown> } | undefined;
  const cls = rec?.class_name ?? rec?.className;
  const c = rec?.config ?? {};
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  if (cls === 'Orthogonal') Object.assign(out, { recurrentInitializer: 'orthogonal', recurrentGain: num(c.gain, 1) });
  else if (cls === 'Identity') Object.assign(out, { recurrentInitializer: 'identity', recurrentGain: num(c.gain, 1) });
  else if (cls === 'GlorotUniform') Object.assign(out, { recurrentInitializer: 'glorotUniform', recurrentGain: 1 });
  else if (cls === 'VarianceScaling' && /avg/i.test(String(c.mode)) && c.distribution === 'uniform') {
    Object.assign(out, { recurrentInitializer: 'glorotUniform', recurrentGain: Math.sqrt(num(c.scale, 1)) });
  } else if (cls === 'RandomNormal' && num(c.mean, 0) === 0) {
    Object.assign(out, { recurrentInitializer: 'randomNormal', recurrentGain: num(c.stddev, 0.05) * Math.sqrt(units) });
  }
  const bias = (config.bias_initializer ?? config.biasInitializer) as { class_name?: string; className?: string; config?: Record<string, unknown> } | undefined;
  const unitForget = config.unit_forget_bias ?? config.unitForgetBias;
  if ((bias?.class_name ?? bias?.className) === FORGET_BIAS_CLASS) out.forgetBias = num(bias?.config?.forgetBias ?? bias?.config?.forget_bias, 1);
  else if (unitForget === true) out.forgetBias = 1;
  else if (unitForget === false) out.forgetBias = 0;
  return out;
}

/** The saved class name of the forget-bias initializer. */
export const FORGET_BIAS_CLASS = 'SeqwireForgetBias';

function defineForgetBias() {
  const BaseInitializer = Object.getPrototypeOf(tf.initializers.zeros().constructor) as abstract new () => Initializer;

  /** An LSTM bias [4u] of zeros with the forget gate's block (the second, order i f c o) set to `forgetBias`. */
  class ForgetBias extends BaseInitializer {
    static readonly className = FORGET_BIAS_CLASS;
    readonly forgetBias: number;

    constructor(args: { forgetBias?: number; forget_bias?: number }) {
      super();
      this.forgetBias = args.forgetBias ?? args.forget_bias ?? 1;
    }

    override apply(shape: (number | null)[], dtype?: tf.DataType): tf.Tensor {
      const n = shape[0] as number;
      const units = n / 4;
      const values = new Float32Array(n);
      values.fill(this.forgetBias, units, 2 * units);
      return tf.tensor1d(values, dtype === 'int32' ? 'int32' : 'float32');
    }

    override getConfig(): tf.serialization.ConfigDict {
      return { forgetBias: this.forgetBias };
    }
  }
  tf.serialization.registerClass(ForgetBias as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
  return ForgetBias;
}

let forgetBiasDefined: ReturnType<typeof defineForgetBias> | undefined;

/** The forget-bias initializer class, defined and registered with tfjs on first use (importing this module does not need tfjs running). */
export function forgetBiasInitializer(): ReturnType<typeof defineForgetBias> {
  forgetBiasDefined ??= defineForgetBias();
  return forgetBiasDefined;
}

/** The LSTM options that start the forget bias at `forgetBias`, with Keras's own flag where it can say it. */
export function forgetBiasOptions(forgetBias: number): { unitForgetBias: boolean; biasInitializer?: Initializer } {
  if (forgetBias === 1) return { unitForgetBias: true };
  if (forgetBias === 0) return { unitForgetBias: false };
  return { unitForgetBias: false, biasInitializer: new (forgetBiasInitializer())({ forgetBias }) };
}
