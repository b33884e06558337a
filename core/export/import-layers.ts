import { ACTIVATION_FUNCTIONS } from '../nodes/activation';
import type { TopoLayer, TopoRef } from './topology';

/**
 * How one Keras / tfjs layer becomes a Seqwire node: its type and params, and
 * which of its inbound tensors goes to which input port. `null` ports mean the
 * tensor is dropped (a zeros state Seqwire makes again by itself).
 */
export interface NodeFromLayer {
  type: string;
  params: Record<string, unknown>;
  ports: (string | null)[];
}

type Config = Record<string, unknown>;
const RECURRENT = ['LSTM', 'GRU', 'SimpleRNN'];

/** The activation names of graph-format.md (tfjs spelling) for a Keras one. */
function activation(value: unknown): string {
  const name = typeof value === 'string' ? value : 'linear';
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}

/** One size from Keras's 1-tuples (`[3]`) or a plain int. */
const single = (value: unknown): number => Number(Array.isArray(value) ? value[0] : value);

/** Square sizes only: Seqwire's Conv2D and MaxPool2D take one int. */
function square(value: unknown, what: string, problems: string[]): number {
  const v = Array.isArray(value) ? value : [value, value];
  if (v[0] !== v[1] || typeof v[0] !== 'number') problems.push(`${what} ${JSON.stringify(value)} is not square`);
  return Number(v[0]);
}

function recurrentParams(className: string, c: Config, problems: string[]): Record<string, unknown> {
  if (c.use_bias === false) problems.push('use_bias=False (Seqwire recurrent layers have biases)');
  if (c.stateful) problems.push('stateful=True');
  const params: Record<string, unknown> = {
    units: c.units,
    activation: activation(c.activation),
    returnSequences: !!c.return_sequences,
    dropout: c.dropout ?? 0,
    recurrentDropout: c.recurrent_dropout ?? 0,
    goBackwards: !!c.go_backwards,
  };
  if (className !== 'SimpleRNN') params.recurrentActivation = activation(c.recurrent_activation ?? 'sigmoid');
  // Keras before 2.1.3 had no reset_after (it meant false); later files always say.
  if (className === 'GRU') params.resetAfter = c.reset_after === true;
  return params;
}

/**
 * The node for a layer, or the reasons it has none (collected by the caller
 * into one error). `isModelOutput`: a Dense giving a model output becomes an
 * `Output` head.
 */
export function nodeFromLayer(
  layer: TopoLayer,
  isModelOutput: boolean,
  calls: TopoRef[],
  layerClass: (name: string) => string | undefined,
  /** The index of the last axis of the layer's input, with batch (for a positive `axis`), when known. */
  lastAxis: number | null = null,
): NodeFromLayer | { problems: string[]; unknown?: boolean } {
  const c = layer.config;
  const problems: string[] = [];
  const one = (type: string, params: Record<string, unknown> = {}) => ({ type, params, ports: ['in'] });
  let node: NodeFromLayer;
  let cls = layer.className;
  let config = c;
  if (cls === 'TimeDistributed' && (c.layer as { class_name?: string } | undefined)?.class_name === 'Dense') {
    cls = 'Dense';
    config = (c.layer as { config: Config }).config;
  }
  switch (cls) {
    case 'Dense': {
      const act = activation(config.activation);
      if (config.use_bias === false) problems.push('use_bias=False');
      if (isModelOutput) {
        if (!['softmax', 'sigmoid', 'linear'].includes(act)) problems.push(`a model output with activation ${act} (Output heads are softmax, sigmoid or linear)`);
        node = one('Output', { head: act, units: config.units });
      } else node = one('Dense', { units: config.units, activation: act });
      break;
    }
    case 'LSTM':
    case 'GRU':
    case 'SimpleRNN': {
      // Inputs: the sequence, then the initial states; a zeros state is Seqwire's default, so it is dropped.
      const ports = cls === 'LSTM' ? ['in', 'h0', 'c0'] : ['in', 'h0'];
      node = { type: cls, params: recurrentParams(cls, config, problems), ports: calls.map((ref, i) => (layerClass(ref.layer) === 'SeqwireZerosLike' ? null : (ports[i] ?? 'extra'))) };
      if (node.ports.includes('extra')) problems.push('more initial states than the cell has');
      break;
    }
    case 'Bidirectional': {
      const inner = c.layer as { class_name: string; config: Config } | undefined;
      if (!inner || !RECURRENT.includes(inner.class_name)) {
        problems.push(`Bidirectional around ${inner?.class_name ?? 'nothing'}`);
        node = one('LSTM');
        break;
      }
      if (calls.length > 1) problems.push('initial states on a bidirectional layer');
      node = one(inner.class_name, { ...recurrentParams(inner.class_name, inner.config, problems), bidirectional: c.merge_mode ?? 'concat' });
      break;
    }
    case 'Embedding':
      node = one('Embedding', { vocabSize: c.input_dim, dim: c.output_dim, maskZero: !!c.mask_zero });
      break;
    case 'Dropout':
      node = one('Dropout', { rate: c.rate });
      break;
    case 'RepeatVector':
      node = one('RepeatVector', { n: c.n });
      break;
    case 'Flatten':
      node = one('Flatten');
      break;
    case 'Concatenate':
    case 'Add':
      if (cls === 'Concatenate' && c.axis !== undefined && c.axis !== -1) problems.push(`axis ${JSON.stringify(c.axis)} (Seqwire joins on the last axis)`);
      node = { type: cls, params: {}, ports: calls.map(() => 'in') };
      break;
    case 'Attention':
    case 'SeqwireDotAttention':
      if (c.use_scale || (c.score_mode && c.score_mode !== 'dot')) problems.push('scaled or additive scores (Seqwire attention is plain dot-product)');
      if (calls.length !== 2) problems.push(`${calls.length} inputs (Seqwire attention takes query and values)`);
      node = { type: 'Attention', params: {}, ports: ['query', 'values'] };
      break;
    case 'Conv2D':
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      node = one('Conv2D', {
        filters: c.filters,
        kernelSize: square(c.kernel_size, 'kernel_size', problems),
        strides: square(c.strides ?? 1, 'strides', problems),
        padding: c.padding ?? 'valid',
        activation: activation(c.activation),
      });
      break;
    case 'MaxPooling2D': {
      const pool = square(c.pool_size ?? 2, 'pool_size', problems);
      if (c.strides !== undefined && c.strides !== null && square(c.strides, 'strides', problems) !== pool) problems.push('strides other than the pool size');
      node = one('MaxPool2D', { poolSize: pool });
      break;
    }
    case 'Conv1D': {
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      if (c.use_bias === false) problems.push('use_bias=False');
      if (c.padding === 'causal') problems.push("padding='causal' (TensorFlow.js has no causal convolution yet)");
      if (c.groups !== undefined && c.groups !== 1) problems.push(`groups=${JSON.stringify(c.groups)}`);
      node = one('Conv1D', {
        filters: c.filters,
        kernelSize: single(c.kernel_size),
        strides: single(c.strides ?? 1),
        padding: c.padding ?? 'valid',
        dilationRate: single(c.dilation_rate ?? 1),
        activation: activation(c.activation),
      });
      break;
    }
    case 'MaxPooling1D':
    case 'MaxPool1D': {
      const pool = single(c.pool_size ?? 2);
      if (c.strides !== undefined && c.strides !== null && single(c.strides) !== pool) problems.push('strides other than the pool size');
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      node = one('MaxPool1D', { poolSize: pool, padding: c.padding ?? 'valid' });
      break;
    }
    case 'GlobalMaxPooling1D':
    case 'GlobalMaxPool1D':
    case 'GlobalAveragePooling1D':
    case 'GlobalAvgPool1D':
    case 'GlobalAveragePool1D':
      if (c.keepdims) problems.push('keepdims=True');
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      node = one('GlobalPool1D', { mode: cls.startsWith('GlobalMax') ? 'max' : 'average' });
      break;
    case 'Masking':
      node = one('Masking', { maskValue: c.mask_value ?? 0 });
      break;
    case 'BatchNormalization': {
      const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : (c.axis ?? -1);
      if (axis !== -1 && axis !== lastAxis) problems.push(`axis ${JSON.stringify(c.axis)} (Seqwire normalises the last axis)`);
      if (c.renorm) problems.push('renorm=True');
      node = one('BatchNorm', { momentum: c.momentum ?? 0.99, epsilon: c.epsilon ?? 0.001, center: c.center ?? true, scale: c.scale ?? true });
      break;
    }
    case 'Activation':
    case 'Softmax': {
      const act = cls === 'Softmax' ? 'softmax' : activation(c.activation);
      if (cls === 'Softmax' && c.axis !== undefined && c.axis !== -1) problems.push(`axis ${JSON.stringify(c.axis)}`);
      if (!(ACTIVATION_FUNCTIONS as readonly string[]).includes(act)) problems.push(`activation ${act}, which Seqwire does not have`);
      if (isModelOutput) problems.push(`a model output (Seqwire's Outputs are Dense heads: put the ${act} on the Dense before it)`);
      node = one('Activation', { activation: act });
      break;
    }
    default:
      return { problems: [`${layer.className} is not a layer Seqwire knows`], unknown: true };
  }
  return problems.length ? { problems: problems.map((p) => `${layer.className} with ${p}`) } : node;
}
