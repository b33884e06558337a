import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../../core/graph/load';
import { fusedRecurrentUse } from '../../../core/nodes/fused-rnn';
import { compileSeeded } from '../../../core/train/train-graph';
import { selectBackend } from '../select';
import { fusedGap, sampleBatch } from './fused-compare';

/**
 * Every template trains the same with the fused recurrent kernels as with
 * tfjs's step loop: one batch, the loss and outputs within 1e-6 and every
 * variable's gradient within 1e-5 (of its largest entry), on wasm and cpu.
 */

const dir = join(import.meta.dirname, '../../../assets/templates');
const files = readdirSync(dir).filter((f) => f.endsWith('.seqwire.json'));

describe.each(['wasm', 'cpu'] as const)('templates with fused recurrent kernels on %s', (backend) => {
  it.each(files)('%s: same loss, outputs and gradients as plain tfjs', async (file) => {
    await selectBackend(backend);
    const loaded = parseGraphText(readFileSync(join(dir, file), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    // A chaotic network (recurrent gain above 1, the exploding-gradients template) amplifies
    // rounding step by step, which says nothing of the kernels: it is compared at gain 1.
    const graph = { ...loaded.graph, nodes: loaded.graph.nodes.map((n) => (Number(n.params?.recurrentGain ?? 1) > 1 ? { ...n, params: { ...n.params, recurrentGain: 1 } } : n)) };
    // Float32 rounding adds up over the steps: 1e-6 up to 40 steps, more for longer sequences (gradient-flow has 100).
    const steps = Math.max(1, ...graph.nodes.map((n) => Number(n.params?.timesteps ?? 1)));
    const tolerance = 1e-6 * Math.max(1, steps / 40);
    const compiled = compileSeeded(graph, 5);
    const { xs, ys } = sampleBatch(graph, compiled, 2, 5);
    try {
      const gap = fusedGap(compiled, xs, ys);
      const use = fusedRecurrentUse();
      // Templates with recurrent layers run them fused, except where dropout makes them fall back.
      const recurrent = graph.nodes.some((n) => ['LSTM', 'GRU', 'SimpleRNN', 'Stack'].includes(n.type));
      if (recurrent) expect(use.fused.length + use.fallback.filter((f) => f.reason.startsWith('dropout')).length).toBeGreaterThan(0);
      expect(use.fallback.filter((f) => !f.reason.startsWith('dropout') && !f.reason.includes('switched off'))).toEqual([]);
      expect(gap.largestGrad).toBeGreaterThan(0);
      expect(gap.loss).toBeLessThan(tolerance);
      expect(gap.outputs).toBeLessThan(tolerance);
      for (const [name, rel] of Object.entries(gap.grads)) expect(rel, name).toBeLessThan(1e-5);
    } finally {
      tf.dispose([...xs, ...ys]);
      compiled.model.dispose();
    }
  });
});
