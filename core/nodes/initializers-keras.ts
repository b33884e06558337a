import { py } from '../export/keras/python';
import { DEFAULT_INIT, initFromConfig } from './initializers';
import { KerasExportError } from './layer-class';
import type { RecurrentCell } from './recurrent';

/**
 * The Keras side of the recurrent init params (initializers.ts): the
 * initializer arguments a recurrent layer's constructor gets in the Keras
 * script, and the params an imported layer's initializers give back.
 */

type Config = Record<string, unknown>;
type InitConfig = { class_name?: string; config?: Config } | null | undefined;

/** A saved initializer as Keras code. */
function kerasInitializer(value: unknown, layer: string): string | null {
  const init = value as InitConfig;
  const c = init?.config ?? {};
  const num = (v: unknown, d: number) => py(typeof v === 'number' ? v : d);
  switch (init?.class_name) {
    case undefined:
      return null;
    case 'Orthogonal':
      return `keras.initializers.Orthogonal(gain=${num(c.gain, 1)})`;
    case 'Identity':
      return `keras.initializers.Identity(gain=${num(c.gain, 1)})`;
    case 'VarianceScaling': {
      const mode = String(c.mode ?? 'fan_avg').replace(/([A-Z])/g, '_$1').toLowerCase();
      return `keras.initializers.VarianceScaling(scale=${num(c.scale, 1)}, mode=${py(mode)}, distribution=${py(c.distribution === 'normal' ? 'truncated_normal' : (c.distribution ?? 'uniform'))})`;
    }
    case 'RandomNormal':
      return `keras.initializers.RandomNormal(mean=${num(c.mean, 0)}, stddev=${num(c.stddev, 0.05)})`;
    case 'SeqwireForgetBias':
      return `SeqwireForgetBias(${num(c.forget_bias ?? c.forgetBias, 1)})`;
    case 'Zeros':
      return '"zeros"';
    default:
      throw new KerasExportError(`layer "${layer}": initializer ${init?.class_name} has no Keras counterpart in this exporter`);
  }
}

/** The constructor arguments that start a recurrent layer's weights as they started here (the trained weights replace them on load, but `--train` from scratch uses them). */
export function kerasInitArgs(cell: string, c: Config, name: string): string[] {
  const out: string[] = [];
  const rec = kerasInitializer(c.recurrent_initializer, name);
  if (rec) out.push(`recurrent_initializer=${rec}`);
  if (cell === 'LSTM') {
    out.push(`unit_forget_bias=${py(c.unit_forget_bias ?? true)}`);
    const bias = kerasInitializer(c.bias_initializer, name);
    if (bias && bias !== '"zeros"') out.push(`bias_initializer=${bias}`);
  }
  return out;
}

/** The init params a saved layer says, where they differ from the defaults (so a plain Keras layer imports without them). */
export function importedInitParams(cell: RecurrentCell, c: Config): Record<string, unknown> {
  const init = initFromConfig(c, Number(c.units));
  const out: Record<string, unknown> = {};
  if (init.recurrentInitializer && !(init.recurrentInitializer === 'identity' && cell !== 'SimpleRNN')) {
    if (init.recurrentInitializer !== DEFAULT_INIT.recurrentInitializer) out.recurrentInitializer = init.recurrentInitializer;
    if (init.recurrentGain !== undefined && Math.abs(init.recurrentGain - 1) > 1e-6) out.recurrentGain = Number(init.recurrentGain.toPrecision(6));
  }
  if (cell === 'LSTM' && init.forgetBias !== undefined && init.forgetBias !== 1) out.forgetBias = init.forgetBias;
  return out;
}
