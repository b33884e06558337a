import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { tableDataset } from '../table';
import type { Dataset } from '../types';

/**
 * `recall`: long-range memory, the lecture's test of vanishing gradients. A
 * value is shown at the first step, then `window - 1` steps of noise follow;
 * the task is to say the first value at the end. Only a gradient that reaches
 * back to step 0 can learn it, which a vanilla RNN's does not and an LSTM's
 * cell state can.
 *
 * Fields:
 * - `sequence` [window, 1] float: the value, then noise
 * - `first` [1] float: the value at the first step
 */
export const recall = defineBuiltin({
  name: 'recall',
  description: 'long-range memory: remember the value shown at the first step through a window of noise',
  options: {
    window: { kind: 'int', default: 40, min: 2, max: 10000, help: 'steps per sequence' },
    count: { kind: 'int', default: 2000, min: 1, max: 1_000_000, help: 'samples' },
    noise: { kind: 'float', default: 0.2, min: 0, max: 10, help: 'standard deviation of the noise after the first step' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'sequence', shape: '[window, 1]', dtype: 'float32', description: 'the value at step 0, then noise' },
    { name: 'first', shape: '[1]', dtype: 'float32', description: 'the value at step 0' },
  ],
  async create({ window, count, noise, seed }): Promise<Dataset> {
    const rng = createRng(seed);
    const values = new Float32Array(count * window);
    for (let i = 0; i < count; i++) {
      values[i * window] = rng.uniform(-1, 1);
      for (let t = 1; t < window; t++) values[i * window + t] = noise * rng.normal();
    }
    return tableDataset('recall', count, {
      sequence: { info: { shape: [window, 1], dtype: 'float32', description: `a value, then ${window - 1} steps of noise` }, data: values },
      first: { info: { shape: [1], dtype: 'float32', description: 'the value at step 0' }, fill: (i, out, at) => void (out[at] = values[i * window]) },
    });
  },
});
