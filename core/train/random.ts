/**
 * Seeded randomness for training. tfjs draws its initialiser and dropout
 * seeds from `Math.random` when a layer has no seed of its own, so the trainer
 * runs every synchronous tfjs step with `Math.random` swapped for this
 * generator: same seed, same data, same backend give the same losses.
 */

/** A small, fast, seedable generator (mulberry32); its whole state is one uint32. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The state to store in a checkpoint, so a resumed run draws what the uninterrupted one would. */
  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }
}

/**
 * Runs `fn` with `Math.random` drawing from `rng`, and restores it after.
 * Only for synchronous work: an await inside would let other code see the swap.
 */
export function withSeededRandom<T>(rng: Rng, fn: () => T): T {
  const original = Math.random;
  Math.random = () => rng.next();
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
