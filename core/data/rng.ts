/**
 * Seeded randomness for everything data does, so that the same seed gives the
 * same data, the same split and the same batch order on every machine.
 * Math.random is never used here.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A standard normal sample. */
  normal(): number;
}

/** Mixes a seed and stream numbers into one 32-bit state (so epoch 3 of seed 7 is its own stream). */
export function mixSeed(seed: number, ...streams: number[]): number {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  for (const s of [0x5bd1e995, ...streams]) {
    h = Math.imul(h ^ (Math.floor(s) >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: small, fast, and good enough for shuffling and augmentation. */
export function createRng(seed: number, ...streams: number[]): Rng {
  let state = mixSeed(seed, ...streams);
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // Box-Muller; 1 - next() keeps the log away from 0.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const a = 2 * Math.PI * next();
      spare = r * Math.sin(a);
      return r * Math.cos(a);
    },
  };
}

/** Fisher-Yates in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}
