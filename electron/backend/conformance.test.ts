import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../core/graph/schema';
import { CASES, sampleData } from '../../core/nodes/conformance-cases';
import { NODE_SPECS } from '../../core/nodes/registry';
import { Rng, withSeededRandom } from '../../core/train/random';
import { compileSeeded } from '../../core/train/train-graph';
import { selectBackend } from './select';

/**
 * Every node type computes the same forward pass and the same gradient step
 * on the WebAssembly backend as on the CPU backend. Each graph starts from the
 * CPU run's initial weights, so only the kernels differ.
 * The cases are core/nodes/conformance-cases.ts, one or more per node type.
 */
interface Result {
  forward: number[];
  grads: number[][];
  after: number[][];
}

async function runOn(backend: 'cpu' | 'wasm', graph: Graph, initial?: number[][]): Promise<Result & { initial: number[][] }> {
  await selectBackend(backend);
  const compiled = compileSeeded(graph, 1);
  const { model } = compiled;
  if (initial) model.setWeights(initial.map((v, i) => tf.tensor(v, model.weights[i].shape as number[])));
  const start = model.getWeights().map((w) => Array.from(w.dataSync()));
  const { xs, ys } = sampleData(graph, compiled);
  const forward = tf.tidy(() => (Array.isArray(model.predict(xs)) ? (model.predict(xs) as tf.Tensor[]).flatMap((t) => Array.from(t.dataSync())) : Array.from((model.predict(xs) as tf.Tensor).dataSync())));
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.sgd(0.1);
  const grads = withSeededRandom(new Rng(7), () => {
    const { value, grads } = optimizer.computeGradients(() => {
      const out = model.apply(xs, { training: true });
      const preds = (Array.isArray(out) ? out : [out]) as tf.Tensor[];
      return tf.addN(compiled.outputs.map((o, i) => o.loss(ys[i], preds[i]))) as tf.Scalar;
    }, vars);
    const arrays = vars.map((v) => Array.from(grads[v.name].dataSync()));
    optimizer.applyGradients(grads);
    tf.dispose([value, ...Object.values(grads)]);
    return arrays;
  });
  const after = model.getWeights().map((w) => Array.from(w.dataSync()));
  tf.dispose([...xs, ...ys]);
  optimizer.dispose();
  return { forward, grads, after, initial: start };
}

function maxDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j]) / Math.max(1, Math.abs(v))))));
  return m;
}

describe('wasm and cpu backends agree', () => {
  it('covers every registered node type', () => {
    const used = new Set(CASES.flatMap(([, graph]) => graph.nodes.map((n) => n.type)));
    expect(NODE_SPECS.map((s) => s.type).filter((t) => !used.has(t))).toEqual([]);
  });

  it.each(CASES)('%s: forward pass and one gradient step within 1e-4', async (_name, graph) => {
    const cpu = await runOn('cpu', graph);
    const wasm = await runOn('wasm', graph, cpu.initial);
    expect(wasm.grads.length).toBeGreaterThan(0);
    expect(maxDiff([cpu.forward], [wasm.forward])).toBeLessThan(1e-4);
    expect(maxDiff(cpu.grads, wasm.grads)).toBeLessThan(1e-4);
    expect(maxDiff(cpu.after, wasm.after)).toBeLessThan(1e-4);
    // The step did something: a gradient that is all zeros would make the comparison empty.
    expect(cpu.grads.some((g) => g.some((v) => v !== 0))).toBe(true);
  });
});
