import type * as tf from '@tensorflow/tfjs';
import type { DiagnosticCode, FixHint } from '../validate/codes';
import type { TensorType } from '../shapes/tensor-type';
import type { ParamDefs, ParamValues } from './params';
import type { ImportRule, LayerClass } from './layer-class';

/** The palette groups, in the order the palette shows them. */
export const NODE_CATEGORIES = ['Inputs', 'Recurrent', 'Stacking', 'Layers', 'Decoders'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/**
 * What a node type is to the rest of Seqwire, so that no module matches type
 * names: `input` starts the model (and may take feedback), `recurrent` reads
 * a sequence step by step, `merge` joins several inputs, `head` is a model
 * output with its own loss, `layer` is anything else.
 */
/** `marker`: a model output that is not a head (no loss), such as an encoder's final states. */
export const NODE_ROLES = ['input', 'recurrent', 'layer', 'merge', 'head', 'marker'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

/** A named port. Inputs sit on the left of a node, outputs on the right. */
export interface PortDef {
  name: string;
  /** A recurrent state (`h0`, `c0`, `h`, `c`), drawn apart from data ports. */
  state?: boolean;
  /** An input the node works without. */
  optional?: boolean;
  /** An input that takes two or more edges (`Concatenate`, `Add`). */
  multiple?: boolean;
}

/** For each connected input port, the types arriving on it, one per edge. */
export type PortTypes = Record<string, TensorType[]>;

/** A shape rule's complaint, turned into a diagnostic on the node by `validate`. */
export interface ShapeIssue {
  code: DiagnosticCode;
  port?: string;
  message: string;
  fix?: FixHint;
}

export type InferResult = { ok: true; outputs: Record<string, TensorType> } | { ok: false; issues: ShapeIssue[] };

export interface InferContext<P> {
  params: P;
  /** Only connected input ports appear; a port with a required edge missing is caught before. */
  inputs: PortTypes;
  /** The output ports that have edges leaving them. */
  usedOutputs: ReadonlySet<string>;
}

export interface BuildContext<P> {
  id: string;
  params: P;
  /** The symbolic tensors arriving on each connected input port, one per edge. */
  inputs: Record<string, tf.SymbolicTensor[]>;
  inputTypes: PortTypes;
  usedOutputs: ReadonlySet<string>;
  /** A layer name unique in the model, derived from the node id (`rnn`, `rnn_2`, ...). */
  layerName(suffix?: string): string;
}

/** Everything about one node type, in one module (see shared/style.md). */
export interface NodeSpec<Defs extends ParamDefs = ParamDefs> {
  type: string;
  category: NodeCategory;
  role: NodeRole;
  /** One line for the palette and the inspector. */
  description: string;
  /** What people call what the node does, for the node search ("mixture", "gate"): words not in its type or description. */
  keywords?: readonly string[];
  params: Defs;
  inputs(params: ParamValues<Defs>): PortDef[];
  outputs(params: ParamValues<Defs>): PortDef[];
  /** A short line of the key params, drawn under the node's title (`LSTM 256, seq`). */
  summary(params: ParamValues<Defs>): string;
  /** The pure shape rule: output types from params and input types, or what does not fit. */
  infer(ctx: InferContext<ParamValues<Defs>>): InferResult;
  /** Trainable parameters, by the Keras formula; compile tests check it against tfjs. */
  paramCount(params: ParamValues<Defs>, inputs: PortTypes): number;
  /** Builds the tfjs layers with the functional API; returns a tensor per used output port. */
  build(ctx: BuildContext<ParamValues<Defs>>): Record<string, tf.SymbolicTensor>;
  /**
   * The tfjs layer classes this node type builds and writes for Keras, keyed
   * by class name. A class built by several types (`Bidirectional`) is one
   * shared object; a class another type already writes (`Dense` built by an
   * `Output`) is left to that type.
   */
  layerClasses?: Readonly<Record<string, LayerClass>>;
  /** How a layer of a Keras or tfjs model file becomes a node of this type. */
  importFrom?: ImportRule;
}

/** Declares a node spec with its param types inferred from `params`. */
export function defineNode<const Defs extends ParamDefs>(spec: NodeSpec<Defs>): NodeSpec<Defs> {
  return spec;
}

/**
 * A node's resolved params (`NodeAnalysis.params`) with its spec's types. The
 * values were checked against the spec's defs by `resolveParams`, so reading
 * them typed is sound; the spec argument says which type they are read as.
 */
export function paramsOf<Defs extends ParamDefs>(_spec: NodeSpec<Defs>, params: Record<string, unknown>): ParamValues<Defs> {
  return params as ParamValues<Defs>;
}

/** A spec with its param types erased, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeSpec = NodeSpec<any>;
