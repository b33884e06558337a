import { makeGraph } from '../compile/fixture';
import { createRng } from '../random';
import type { Dataset } from '../data/types';
import type { Graph } from '../graph/schema';
import { memoryDataset } from './memory-dataset';

/**
 * A small learnable task for tests: `x` is T steps of F noise values, `label`
 * is which of `classes` bins the sum of the first feature over time falls in.
 * A recurrent model must carry the running sum through time to solve it.
 */
export function sumTask(n: number, steps: number, features: number, classes: number, seed = 1): Dataset {
  const rng = createRng(seed);
  const x = new Float32Array(n * steps * features);
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < steps; t++) {
      for (let f = 0; f < features; f++) {
        const v = rng.normal();
        x[(i * steps + t) * features + f] = v;
        if (f === 0) s += v;
      }
    }
    // Quantiles of a normal with variance `steps`, so the classes are balanced.
    const z = s / Math.sqrt(steps);
    label[i] = classes === 2 ? (z > 0 ? 1 : 0) : Math.min(classes - 1, Math.max(0, Math.floor((z + 1.2) / (2.4 / classes)) ));
  }
  return memoryDataset('sum-task', {
    x: { shape: [n, steps, features], dtype: 'float32', data: x },
    label: { shape: [n], dtype: 'int32', data: label },
  });
}

/** `x -> cell -> softmax Output`, the many-to-one shape of the sum task. */
export function manyToOneGraph(steps: number, features: number, classes: number, cell = 'LSTM', units = 8): Graph {
  const g = makeGraph(
    {
      x: ['SequenceInput', { timesteps: steps, features }],
      rnn: [cell, { units }],
      label: ['Output', { head: 'softmax', units: classes }],
    },
    ['x.out -> rnn.in', 'rnn.out -> label.in'],
  );
  g.training = { bindings: { x: 'x', label: 'label' } };
  return g;
}
