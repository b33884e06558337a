/**
 * A seeded random source, so that `--seed S` gives the same drawings on every
 * run and in tests. Mulberry32: tiny, fast, and good enough for sampling.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal, by Box-Muller. */
  normal(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    // 1 - next() is in (0, 1], so the log never sees zero.
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  return { next, normal };
}

/** Index drawn from unnormalised non-negative weights; the largest when they sum to zero. */
export function drawIndex(weights: ArrayLike<number>, rng: Random): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) return argmax(weights);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Softmax of `logits / temperature`, stable against large logits. A
 * temperature of 0 gives the one-hot of the largest (greedy).
 */
export function softmaxWithTemperature(logits: ArrayLike<number>, temperature: number): number[] {
  const n = logits.length;
  if (temperature <= 0) {
    const out = new Array<number>(n).fill(0);
    out[argmax(logits)] = 1;
    return out;
  }
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i] / temperature);
  const out = new Array<number>(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.exp(logits[i] / temperature - max);
    sum += out[i];
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}
