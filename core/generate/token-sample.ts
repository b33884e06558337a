import type { Rng } from '../random';
import { argmax, drawIndex, softmaxWithTemperature } from './random';

/**
 * Draws a class id from probabilities (a softmax head's output): greedy at
 * temperature 0, otherwise from `p^(1/T)` renormalised, so T < 1 sharpens and
 * T > 1 flattens, exactly as dividing the logits by T would.
 */
export function sampleToken(probs: ArrayLike<number>, temperature: number, rng: Rng): number {
  if (temperature <= 0) return argmax(probs);
  const logs = Array.from(probs, (p) => Math.log(Math.max(p, 1e-30)));
  return drawIndex(softmaxWithTemperature(logs, temperature), rng);
}

/** Independent bits from sigmoid probabilities: thresholded at 0.5 when greedy. */
export function sampleBits(probs: ArrayLike<number>, temperature: number, rng: Rng): number[] {
  return Array.from(probs, (p) => {
    if (temperature <= 0) return p >= 0.5 ? 1 : 0;
    const logit = Math.log(Math.max(p, 1e-30)) - Math.log(Math.max(1 - p, 1e-30));
    return rng.next() < 1 / (1 + Math.exp(-logit / temperature)) ? 1 : 0;
  });
}
