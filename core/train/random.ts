/**
 * Seeded randomness for training. tfjs draws its initialiser and dropout
 * seeds from `Math.random` when a layer has no seed of its own, so the trainer
 * runs every synchronous tfjs step with `Math.random` swapped for this
 * generator: same seed, same data, same backend give the same losses.
 */
import type { Rng } from '../random';

export { Rng } from '../random';

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
