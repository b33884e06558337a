import type * as tf from '@tensorflow/tfjs';

type CallArgs = Record<string, unknown>;

/**
 * Switches a functional model between training and inference behaviour
 * (dropout on or off) for calls through `model.apply`.
 *
 * Why this exists: `LayersModel.apply` on concrete tensors runs the layer
 * graph with each node's recorded call arguments and ignores the `training`
 * flag it is given; only `model.fit` reaches the executor that passes it, and
 * the executor is not exported. So the flag is written into the recorded call
 * arguments of every node. The same pass clears the `mask` that tfjs stores
 * there on each call, which would otherwise be a disposed tensor on the next
 * batch (Embedding with `maskZero`).
 */
export function setTrainingMode(model: tf.LayersModel, training: boolean): void {
  for (const layer of model.layers) {
    // A nested model runs its own layer graph with its own recorded arguments.
    if ('layers' in layer) setTrainingMode(layer as tf.LayersModel, training);
    for (const node of layer.inboundNodes) {
      const holder = node as unknown as { callArgs?: CallArgs | null };
      if (holder.callArgs == null) holder.callArgs = {};
      const args = holder.callArgs;
      args.training = training;
      delete args.mask;
    }
  }
}
