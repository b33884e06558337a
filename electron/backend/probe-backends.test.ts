import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../core/compile/compile';
import { makeGraph } from '../../core/compile/fixture';
import { probe } from '../../core/probe/probe';
import { createRng } from '../../core/random';
import { selectBackend } from './select';

/**
 * The probe re-runs each cell's step math with the layer's weights; on every
 * backend (and so with the fused kernels where the backend has them) its
 * states must be the layer's own outputs.
 */
const T = 9;
const F = 4;
const CASES: [string, string, Record<string, unknown>][] = [
  ['LSTM', 'LSTM', {}],
  ['GRU read backwards', 'GRU', { goBackwards: true }],
  ['SimpleRNN', 'SimpleRNN', {}],
  ['bidirectional LSTM (sum)', 'LSTM', { bidirectional: 'sum' }],
];

function input(): tf.Tensor {
  const rng = createRng(5);
  return tf.tensor(Array.from({ length: T * F }, () => rng.next() * 2 - 1), [1, T, F]);
}

afterAll(async () => {
  await selectBackend('cpu');
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`probe on the ${backend} backend`, () => {
    for (const [name, type, params] of CASES) {
      it(`${name}: the traced states equal the layer's outputs within 1e-5`, async () => {
        await selectBackend(backend);
        const compiled = compileGraph(
          makeGraph(
            { x: ['SequenceInput', { timesteps: T, features: F }], r: [type, { units: 6, returnSequences: true, ...params }], y: ['Output', { head: 'linear', units: 1 }] },
            ['x.out -> r.in', 'r.out -> y.in'],
          ),
        );
        const x = input();
        const result = probe(compiled, [x]);
        const out = result.wires.find((w) => w.wire === 'r.out')!;
        const cells = result.cells;
        for (let t = 0; t < T; t++) {
          const row = out.values.slice(t * 6, t * 6 + 6);
          let expected: number[];
          if (params.bidirectional === 'sum') expected = cells[0].h[t].map((v, j) => v + cells[1].h[t][j]);
          else if (params.goBackwards) expected = cells[0].h[T - 1 - t];
          else expected = cells[0].h[t];
          for (let j = 0; j < 6; j++) expect(Math.abs(row[j] - expected[j])).toBeLessThan(1e-5);
        }
        tf.dispose(x);
        compiled.model.dispose();
      });
    }
  });
}
