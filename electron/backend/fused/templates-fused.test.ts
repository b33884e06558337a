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
    const compiled = compileSeeded(loaded.graph, 5);
    const { xs, ys } = sampleBatch(loaded.graph, compiled, 2, 5);
    try {
      const gap = fusedGap(compiled, xs, ys);
      const use = fusedRecurrentUse();
      // Templates with recurrent layers run them fused, except where dropout makes them fall back.
      const recurrent = loaded.graph.nodes.some((n) => ['LSTM', 'GRU', 'SimpleRNN', 'Stack'].includes(n.type));
      if (recurrent) expect(use.fused.length + use.fallback.filter((f) => f.reason.startsWith('dropout')).length).toBeGreaterThan(0);
      expect(use.fallback.filter((f) => !f.reason.startsWith('dropout') && !f.reason.includes('switched off'))).toEqual([]);
      expect(gap.largestGrad).toBeGreaterThan(0);
      expect(gap.loss).toBeLessThan(1e-6);
      expect(gap.outputs).toBeLessThan(1e-6);
      for (const [name, rel] of Object.entries(gap.grads)) expect(rel, name).toBeLessThan(1e-5);
    } finally {
      tf.dispose([...xs, ...ys]);
      compiled.model.dispose();
    }
  });
});
