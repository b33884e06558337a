import { dtypeName, type TopoLayer, type TopoRef } from '../export/topology';
import { py, pyTuple } from '../export/keras/python';

/**
 * The Keras side of a node type, written in its own module: how each tfjs
 * layer class it builds is written as a tf.keras constructor and how it runs
 * one step at a time, and how a layer of a model file becomes the node again.
 * The Keras exporter, the importer, the step model and gradient flow look
 * these up by class name instead of keeping their own lists.
 */

type Config = Record<string, unknown>;

/** What Seqwire knows about one tfjs layer class. */
export interface LayerClass {
  /** The tf.keras constructor expression of a layer of this class, from its saved config. */
  keras(layer: TopoLayer): string;
  /** How many tensors one call gives (default 1); a recurrent cell with return_state gives its states too. */
  outputs?(layer: TopoLayer): number;
  /** Called on its inputs as one list (merges, attention) rather than on one tensor. */
  takesList?: boolean;
  /**
   * A layer that reads a sequence through time: `cell` (LSTM, GRU, SimpleRNN:
   * takes initial states, steps with its cell when generating) or `wrapper`
   * (Bidirectional: reads both ways, so it cannot step).
   */
  recurrent?: 'cell' | 'wrapper';
  /**
   * How it applies to one step when generating: `per-step` layers work on each
   * step on their own, `merge` layers join several per-step inputs,
   * `attention` attends over values fixed before the loop. Absent: the layer
   * mixes steps and cannot sit inside a generation loop.
   */
  step?: 'per-step' | 'merge' | 'attention';
}

/** A model file's layer as an import rule sees it. */
export interface ImportContext {
  layer: TopoLayer;
  /** The layer gives one of the model's outputs. */
  isModelOutput: boolean;
  /** The tensors of the layer's one call, in order. */
  calls: TopoRef[];
  /** The class of another layer of the file, by name. */
  layerClass(name: string): string | undefined;
  /** The layers that read this one's output. */
  readers: TopoLayer[];
}

/** A node made from a layer: its type and params, and the input port of each inbound tensor (`null`: dropped). */
export interface ImportedNode {
  type: string;
  params: Record<string, unknown>;
  ports: (string | null)[];
}

/**
 * How layers of the given classes become this node type. `read` returns
 * `null` when the layer is not this type's (another type's rule for the same
 * class takes it); it pushes what does not fit to `problems` (phrased to
 * follow "<class> with ", or whole for an `InputLayer`).
 */
export interface ImportRule {
  classes: readonly string[];
  read(ctx: ImportContext, problems: string[]): ImportedNode | null;
}

/** Why a layer cannot be written for Keras; the exporter collects these into one message. */
export class KerasExportError extends Error {
  override name = 'KerasExportError';
}

const KERAS_ACTIVATIONS: Record<string, string> = {
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

/** An activation of a saved config as Keras code; throws naming the layer when Keras has none like it. */
export function kerasActivation(value: unknown, layer: string): string {
  const name = typeof value === 'string' ? value : 'linear';
  const code = KERAS_ACTIVATIONS[name];
  if (!code) throw new KerasExportError(`layer "${layer}": activation "${name}" has no Keras counterpart in this exporter`);
  return code;
}

/** `name="..."`, the last argument of every constructor. */
export const kerasName = (layer: TopoLayer | string) => `name=${py(typeof layer === 'string' ? layer : layer.name)}`;

/** A size given as one int or a pair, as Keras writes it. */
export const kerasPair = (v: unknown) => (Array.isArray(v) ? pyTuple(v) : py(v));

/** The activation names of graph-format.md (tfjs spelling) for a Keras one. */
export function importActivation(value: unknown): string {
  const name = typeof value === 'string' ? value : 'linear';
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}

/** Square sizes only: Seqwire's Conv2D and MaxPool2D take one int. */
export function importSquare(value: unknown, what: string, problems: string[]): number {
  const v = Array.isArray(value) ? value : [value, value];
  if (v[0] !== v[1] || typeof v[0] !== 'number') problems.push(`${what} ${JSON.stringify(value)} is not square`);
  return Number(v[0]);
}

/** The rule of a layer read into a one-input node (the common case). */
export function oneInput(type: string, params: Record<string, unknown> = {}): ImportedNode {
  return { type, params, ports: ['in'] };
}

/** The config of a layer, or of the layer a `TimeDistributed` wraps when it is of class `inner`. */
export function unwrapTimeDistributed(layer: TopoLayer, inner: string): Config | null {
  if (layer.className === inner) return layer.config;
  const wrapped = layer.config.layer as { class_name?: string; config?: Config } | undefined;
  if (layer.className === 'TimeDistributed' && wrapped?.class_name === inner) return wrapped.config ?? {};
  return null;
}

/** The shape of an input layer without its batch dimension, if the file gives one. */
export function inputLayerShape(layer: TopoLayer): (number | null)[] | undefined {
  return ((layer.config.batch_input_shape ?? layer.config.batch_shape) as (number | null)[] | undefined)?.slice(1);
}

/** Whether an input layer gives token ids: read by an Embedding, or of an int dtype. */
export function isTokenInputLayer(ctx: ImportContext): boolean {
  return ctx.readers.some((r) => r.className === 'Embedding') || dtypeName(ctx.layer.config.dtype).startsWith('int');
}

/** The rule of an input node for an `InputLayer` of float data of the given rank. */
export function floatInputRule(rank: number, node: (shape: (number | null)[]) => Record<string, unknown>, type: string): ImportRule {
  return {
    classes: ['InputLayer'],
    read: (ctx) => {
      const shape = inputLayerShape(ctx.layer);
      if (!shape || shape.length !== rank || isTokenInputLayer(ctx)) return null;
      return { type, params: node(shape), ports: [] };
    },
  };
}
