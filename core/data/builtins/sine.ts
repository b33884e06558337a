import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { allocate, wanted, type Dataset, type FieldInfo } from '../types';

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
    const fields: Record<string, FieldInfo> = {
      history: { shape: [window, signals], dtype: 'float32', description: `${signals} waves over ${window} steps` },
      next: { shape: [signals], dtype: 'float32', description: 'the step after the window' },
      nextSteps: { shape: [window, signals], dtype: 'float32', description: 'the step after each step of the window' },
    };
    const stride = window * signals;
    return {
      name: 'sine',
      fields,
      size: count,
      split: { mode: 'shuffle' },
      notes: [],
      batch(indices, only) {
        const out: Record<string, ReturnType<typeof allocate>> = {};
        for (const name of wanted(fields, only)) {
          const fb = allocate(fields[name], indices.length);
          for (let b = 0; b < indices.length; b++) {
            const base = indices[b] * L * signals;
            if (name === 'history') fb.data.set(values.subarray(base, base + stride), b * stride);
            else if (name === 'nextSteps') fb.data.set(values.subarray(base + signals, base + signals + stride), b * stride);
            else fb.data.set(values.subarray(base + stride, base + stride + signals), b * signals);
          }
          out[name] = fb;
        }
        return out;
      },
    };
  },
});
