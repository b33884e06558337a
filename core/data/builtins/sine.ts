import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { tableDataset } from '../table';
import type { Dataset } from '../types';

/**
 * `sine`: multi-signal forecasting. Each sample is its own stretch of
 * `signals` sine waves, each with a random frequency, phase and amplitude,
 * plus Gaussian noise; the task is to carry the waves on.
 *
 * Fields:
 * - `history` [window, signals] float: the waves over the window
 * - `next` [signals] float: the step after the window
 * - `nextSteps` [window, signals] float: the step after each step of the window (per-step forecasting)
 */
export const sine = defineBuiltin({
  name: 'sine',
  description: 'multi-signal forecasting: noisy sine waves of random frequency, phase and amplitude',
  options: {
    signals: { kind: 'int', default: 1, min: 1, max: 64, help: 'waves per sample' },
    window: { kind: 'int', default: 50, min: 1, max: 10000, help: 'steps of history' },
    count: { kind: 'int', default: 2000, min: 1, max: 1_000_000, help: 'samples' },
    noise: { kind: 'float', default: 0.02, min: 0, max: 10, help: 'standard deviation of the noise added to every value' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'history', shape: '[window, signals]', dtype: 'float32', description: 'the waves over the window' },
    { name: 'next', shape: '[signals]', dtype: 'float32', description: 'the step after the window' },
    { name: 'nextSteps', shape: '[window, signals]', dtype: 'float32', description: 'the step after each step of the window' },
  ],
  async create({ signals, window, count, noise, seed }): Promise<Dataset> {
    const rng = createRng(seed);
    const L = window + 1;
    const values = new Float32Array(count * L * signals);
    for (let i = 0; i < count; i++) {
      for (let s = 0; s < signals; s++) {
        // Periods of 8 to 50 steps: several cycles fit in a window, none alias.
        const freq = (2 * Math.PI) / rng.uniform(8, 50);
        const phase = rng.uniform(0, 2 * Math.PI);
        const amp = rng.uniform(0.5, 1);
        for (let t = 0; t < L; t++) values[(i * L + t) * signals + s] = amp * Math.sin(freq * t + phase) + noise * rng.normal();
      }
    }
    const stride = window * signals;
    // Sample i is L steps from values[i * L * signals]: the window, then one step more.
    const from = (offset: number, n: number) => (i: number, out: Float32Array | Int32Array, at: number) => {
      const base = i * L * signals + offset;
      out.set(values.subarray(base, base + n), at);
    };
    return tableDataset('sine', count, {
      history: { info: { shape: [window, signals], dtype: 'float32', description: `${signals} waves over ${window} steps` }, fill: from(0, stride) },
      next: { info: { shape: [signals], dtype: 'float32', description: 'the step after the window' }, fill: from(stride, signals) },
      nextSteps: { info: { shape: [window, signals], dtype: 'float32', description: 'the step after each step of the window' }, fill: from(signals, stride) },
    });
  },
});
