import type { TopoLayer } from '../topology';
import { py, pyTuple } from './python';

/**
 * How each layer class of a Seqwire model is written in tf.keras: the
 * constructor expression from the layer's saved config. The table works on
 * the compiled model's own topology, so the script has exactly the layers,
 * names, order and settings that were trained, tfjs defaults included.
 */

type Config = Record<string, unknown>;

const ACTIVATIONS: Record<string, string> = {
  linear: '"linear"',
  relu: '"relu"',
  relu6: '"relu6"',
  tanh: '"tanh"',
  sigmoid: '"sigmoid"',
  softmax: '"softmax"',
  elu: '"elu"',
  selu: '"selu"',
  softplus: '"softplus"',
  softsign: '"softsign"',
  swish: '"swish"',
  // tfjs keeps Keras 2's hard sigmoid (0.2x + 0.5); Keras 3 changed its own, so the script defines it.
  hard_sigmoid: 'tfjs_hard_sigmoid',
  hardSigmoid: 'tfjs_hard_sigmoid',
};

function activation(value: unknown, layer: string): string {
  const name = typeof value === 'string' ? value : 'linear';
  const code = ACTIVATIONS[name];
  if (!code) throw new KerasExportError(`layer "${layer}": activation "${name}" has no Keras counterpart in this exporter`);
  return code;
}

export class KerasExportError extends Error {
  override name = 'KerasExportError';
}

const named = (c: Config) => `name=${py(c.name)}`;
const pair = (v: unknown) => (Array.isArray(v) ? pyTuple(v) : py(v));

/** tfjs class names of recurrent layers, with the Keras class each is written as (Seqwire's reset-after GRU is Keras's GRU). */
const RECURRENT_CLASSES: Record<string, string> = { LSTM: 'LSTM', GRU: 'GRU', SimpleRNN: 'SimpleRNN', SeqwireGRU: 'GRU' };

function recurrent(tfjsClass: string, c: Config, name: string): string {
  const className = RECURRENT_CLASSES[tfjsClass];
  const args = [
    py(c.units),
    `activation=${activation(c.activation, name)}`,
    ...(className !== 'SimpleRNN' ? [`recurrent_activation=${activation(c.recurrent_activation, name)}`] : []),
    `use_bias=${py(c.use_bias ?? true)}`,
    `return_sequences=${py(!!c.return_sequences)}`,
    `return_state=${py(!!c.return_state)}`,
    `go_backwards=${py(!!c.go_backwards)}`,
    `dropout=${py(c.dropout ?? 0)}`,
    `recurrent_dropout=${py(c.recurrent_dropout ?? 0)}`,
    // tfjs GRUs are Keras's GRU with reset_after=False (one bias per gate); Seqwire's own GRU layer is reset_after=True.
    ...(className === 'GRU' ? [`reset_after=${tfjsClass === 'SeqwireGRU' ? 'True' : 'False'}`] : []),
    `name=${py(name)}`,
  ];
  return `layers.${className}(${args.join(', ')})`;
}

/** The constructor of one layer; throws naming the layer when its class is not one Seqwire writes. */
export function layerConstructor(layer: TopoLayer): string {
  const c = layer.config;
  const name = layer.name;
  switch (layer.className) {
    case 'Dense':
      return `layers.Dense(${py(c.units)}, activation=${activation(c.activation, name)}, use_bias=${py(c.use_bias ?? true)}, ${named({ name })})`;
    case 'LSTM':
    case 'GRU':
    case 'SeqwireGRU':
    case 'SimpleRNN':
      return recurrent(layer.className, c, name);
    case 'Bidirectional': {
      const inner = c.layer as { class_name: string; config: Config } | undefined;
      if (!inner || !RECURRENT_CLASSES[inner.class_name]) throw new KerasExportError(`layer "${name}": a Bidirectional wrapper around ${inner?.class_name ?? 'nothing'}`);
      return `layers.Bidirectional(${recurrent(inner.class_name, inner.config, String(inner.config.name))}, merge_mode=${py(c.merge_mode ?? 'concat')}, ${named({ name })})`;
    }
    case 'Embedding':
      return `layers.Embedding(${py(c.input_dim)}, ${py(c.output_dim)}, mask_zero=${py(!!c.mask_zero)}, ${named({ name })})`;
    case 'Dropout':
      return `layers.Dropout(${py(c.rate)}, ${named({ name })})`;
    case 'RepeatVector':
      return `layers.RepeatVector(${py(c.n)}, ${named({ name })})`;
    case 'Concatenate':
      return `layers.Concatenate(axis=${py(c.axis ?? -1)}, ${named({ name })})`;
    case 'Add':
      return `layers.Add(${named({ name })})`;
    case 'Flatten':
      return `layers.Flatten(${named({ name })})`;
    case 'Activation':
      return `layers.Activation(${activation(c.activation, name)}, ${named({ name })})`;
    case 'Conv2D':
      return `layers.Conv2D(${py(c.filters)}, ${pair(c.kernel_size)}, strides=${pair(c.strides ?? 1)}, padding=${py(c.padding ?? 'valid')}, activation=${activation(c.activation, name)}, use_bias=${py(c.use_bias ?? true)}, ${named({ name })})`;
    case 'MaxPooling2D':
      return `layers.MaxPooling2D(pool_size=${pair(c.pool_size ?? 2)}, strides=${pair(c.strides ?? c.pool_size ?? 2)}, padding=${py(c.padding ?? 'valid')}, ${named({ name })})`;
    case 'Conv1D':
      return `layers.Conv1D(${py(c.filters)}, ${pair(c.kernel_size)}, strides=${pair(c.strides ?? 1)}, padding=${py(c.padding ?? 'valid')}, dilation_rate=${pair(c.dilation_rate ?? 1)}, activation=${activation(c.activation, name)}, use_bias=${py(c.use_bias ?? true)}, ${named({ name })})`;
    case 'MaxPooling1D':
      return `layers.MaxPooling1D(pool_size=${pair(c.pool_size ?? 2)}, strides=${pair(c.strides ?? c.pool_size ?? 2)}, padding=${py(c.padding ?? 'valid')}, ${named({ name })})`;
    case 'GlobalMaxPooling1D':
    case 'GlobalAveragePooling1D':
      return `layers.${layer.className}(${named({ name })})`;
    case 'Masking':
      return `layers.Masking(mask_value=${py(c.mask_value ?? 0)}, ${named({ name })})`;
    case 'BatchNormalization':
      return `layers.BatchNormalization(axis=-1, momentum=${py(c.momentum ?? 0.99)}, epsilon=${py(c.epsilon ?? 0.001)}, center=${py(c.center ?? true)}, scale=${py(c.scale ?? true)}, ${named({ name })})`;
    case 'SeqwireZerosLike':
      return `SeqwireZerosLike(${named({ name })})`;
    case 'SeqwireDotAttention':
      // Keras's Attention with its defaults is the same dot-product attention, with no weights.
      return `layers.Attention(${named({ name })})`;
    default:
      throw new KerasExportError(`layer "${name}" is a ${layer.className}, which the Keras exporter does not know`);
  }
}

/** How many tensors a call of the layer gives: a recurrent layer with return_state gives its states too. */
export function outputCount(layer: TopoLayer): number {
  if (isRecurrent(layer) && layer.config.return_state) return layer.className === 'LSTM' ? 3 : 2;
  return 1;
}

/** Whether the layer takes its inputs as one list (merges, attention) rather than one tensor. */
export const takesList = (layer: TopoLayer) => ['Concatenate', 'Add', 'SeqwireDotAttention'].includes(layer.className);
export const isRecurrent = (layer: TopoLayer) => layer.className in RECURRENT_CLASSES;
