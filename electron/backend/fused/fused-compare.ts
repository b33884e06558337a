import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../../../core/compile/types';
import type { Graph } from '../../../core/graph/schema';
import { setFusedRecurrent } from '../../../core/nodes/fused-rnn';
import { createRng } from '../../../core/random';
import { Rng, withSeededRandom } from '../../../core/train/random';

/**
 * Test support: one training batch through a model with the fused recurrent
 * kernels and again with tfjs's own step loop, and how far apart they are.
 */

export interface Gap {
  /** |loss(fused) - loss(plain)| / max(1, |loss(plain)|). */
  loss: number;
  /** max |output(fused) - output(plain)| / max(1, |output(plain)|), over all outputs. */
  outputs: number;
  /** Per variable: max |g(fused) - g(plain)| / max |g(plain)| (relative to the gradient's largest entry). */
  grads: Record<string, number>;
  /** The plain path's largest gradient entry of all: a comparison of zeros would prove nothing. */
  largestGrad: number;
}

/** A random batch for a compiled graph: ids for token inputs (0, the padding id, included), values elsewhere. */
export function sampleBatch(graph: Graph, compiled: CompiledModel, B = 3, T = 6): { xs: tf.Tensor[]; ys: tf.Tensor[] } {
  const rng = createRng(11);
  const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  const xs = compiled.inputs.map((input) => {
    const shape = [B, ...input.type.shape.map((d) => d ?? T)];
    if (input.type.dtype === 'int32') {
      const vocab = Number(graph.nodes.find((node) => node.id === input.nodeId)?.params?.vocabSize ?? 8);
      return tf.tensor(Int32Array.from({ length: count(shape) }, () => rng.int(vocab)), shape, 'int32');
    }
    return tf.tensor(Float32Array.from({ length: count(shape) }, () => rng.uniform(-1, 1)), shape);
  });
  const ys = compiled.outputs.map((o) => {
    const steps = o.type.shape.slice(0, -1).map((d) => d ?? T);
    const rows = B * count(steps);
    const units = o.type.shape.at(-1) ?? 1;
    if (o.head === 'softmax') return tf.tensor(Float32Array.from({ length: rows }, () => rng.int(units)), [B, ...steps]);
    if (o.head === 'mdn') {
      return tf.tensor(Float32Array.from({ length: rows * 5 }, (_, i) => (i % 5 < 2 ? rng.normal() * 0.3 : i % 5 === 2 + (Math.floor(i / 5) % 3) ? 1 : 0)), [B, ...steps, 5]);
    }
    return tf.tensor(Float32Array.from({ length: rows * units }, () => (o.head === 'sigmoid' ? rng.int(2) : rng.normal())), [B, ...steps, units]);
  });
  return { xs, ys };
}

interface Pass {
  loss: number;
  outputs: Float32Array[];
  grads: Record<string, Float32Array>;
}

function onePass(compiled: CompiledModel, xs: tf.Tensor[], ys: tf.Tensor[], fused: boolean): Pass {
  setFusedRecurrent(fused);
  try {
    const { model } = compiled;
    const outputs = tf.tidy(() => {
      const out = model.predict(xs);
      return (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);
    });
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    // The same random numbers on both passes, for the dropout layers that run either way.
    return withSeededRandom(new Rng(7), () => {
      const { value, grads } = tf.variableGrads(() => {
        const out = model.apply(xs, { training: true });
        const preds = (Array.isArray(out) ? out : [out]) as tf.Tensor[];
        return tf.addN(compiled.outputs.map((o, i) => o.loss(ys[i], preds[i]))) as tf.Scalar;
      }, vars);
      const pass = { loss: value.dataSync()[0], outputs, grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.dataSync() as Float32Array])) };
      tf.dispose([value, ...Object.values(grads)]);
      return pass;
    });
  } finally {
    setFusedRecurrent(true);
  }
}

/** Runs the batch both ways and measures the gaps. */
export function fusedGap(compiled: CompiledModel, xs: tf.Tensor[], ys: tf.Tensor[]): Gap {
  const plain = onePass(compiled, xs, ys, false);
  const fused = onePass(compiled, xs, ys, true);
  let outputs = 0;
  plain.outputs.forEach((o, i) => o.forEach((v, j) => (outputs = Math.max(outputs, Math.abs(v - fused.outputs[i][j]) / Math.max(1, Math.abs(v))))));
  const grads: Record<string, number> = {};
  let largestGrad = 0;
  for (const [name, g] of Object.entries(plain.grads)) {
    let diff = 0;
    let top = 0;
    g.forEach((v, j) => {
      diff = Math.max(diff, Math.abs(v - fused.grads[name][j]));
      top = Math.max(top, Math.abs(v));
    });
    grads[name] = top === 0 ? diff : diff / top;
    largestGrad = Math.max(largestGrad, top);
  }
  return { loss: Math.abs(plain.loss - fused.loss) / Math.max(1, Math.abs(plain.loss)), outputs, grads, largestGrad };
}
