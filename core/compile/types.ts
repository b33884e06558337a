import type * as tf from '@tensorflow/tfjs';
import type { TensorType } from '../shapes/tensor-type';

export const HEADS = ['softmax', 'sigmoid', 'linear', 'mdn'] as const;
export type Head = (typeof HEADS)[number];

/** A model input: one input node of the graph, in the order of `model.inputs`. */
export interface CompiledInput {
  nodeId: string;
  nodeType: string;
  type: TensorType;
  /** The `Output` node whose samples feed this input when generating, if any. */
  feedback: string | null;
}

/** A model output: one `Output` node, in the order of `model.outputs`. */
export interface CompiledOutput {
  nodeId: string;
  head: Head;
  /** Classes or dimensions (softmax, sigmoid, linear); `6 * mixtures + 3` raw values for mdn. */
  units: number;
  mixtures: number;
  /** The type of the model output tensor (without batch). */
  type: TensorType;
  /**
   * The loss of this head, averaged over batch (and steps): categorical
   * cross-entropy (sparse when `yTrue` holds ids, i.e. has one rank less than
   * `yPred`), binary cross-entropy, mean squared error, or the sketch-rnn
   * mixture-density negative log-likelihood over stroke-5 targets.
   */
  loss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Scalar;
}

/** What `compileGraph` gives: the tfjs model and how its inputs and outputs map to the graph. */
export interface CompiledModel {
  model: tf.LayersModel;
  inputs: CompiledInput[];
  outputs: CompiledOutput[];
  /** The tensor on every built wire: node id -> output port -> symbolic tensor (probes read any wire from it). */
  wires: ReadonlyMap<string, Readonly<Record<string, tf.SymbolicTensor>>>;
  /** The names of the layers each node built, in build order (a Stack's layers bottom up). */
  layersByNode: ReadonlyMap<string, readonly string[]>;
}
