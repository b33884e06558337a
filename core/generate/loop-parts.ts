import type * as tf from '@tensorflow/tfjs';
import type { CompiledInput } from '../compile/types';
import { GenerateError } from './conditions';
import type { Rng } from '../random';
import { sampleHead, sampleMixtureTraced, type HeadSample, type MixtureTrace } from './head-sample';
import { isEndStroke } from './strokes';
import type { FeedbackLink, GeneratedSequence, GenerateOptions } from './types';

/** Whether this sample ends the sequence it belongs to. */
export function isEnd(link: FeedbackLink, sample: HeadSample, endToken: number | undefined): boolean {
  if (link.output.head === 'mdn') return isEndStroke(sample);
  return link.output.head === 'softmax' && endToken !== undefined && sample[0] === endToken;
}

export function nanError(outputId: string, step: number): GenerateError {
  return new GenerateError(
    `the model gave NaN or infinite values at Output "${outputId}", step ${step + 1}; its weights have diverged (train again with clipNorm or a lower learning rate)`,
  );
}

export function requireCondition(input: CompiledInput, options: GenerateOptions): unknown {
  const value = options.conditions?.[input.nodeId];
  if (value === undefined) {
    throw new GenerateError(`input "${input.nodeId}" has no feedback, so generation needs its value to condition on; give it as "${input.nodeId}" in the input JSON`);
  }
  return value;
}

export const toList = (x: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(x) ? x : [x]);

/**
 * Lets the host's event loop run (progress messages, a cancel) during a long
 * generation. A resolved promise would only yield to other microtasks; a
 * timer yields to I/O. core has no DOM lib, so the timer is found on globalThis.
 */
export function yieldToHost(): Promise<void> {
  const timer = (globalThis as unknown as { setTimeout?: (fn: () => void, ms: number) => unknown }).setTimeout;
  return new Promise((resolve) => (timer ? timer(resolve, 0) : resolve()));
}

/** One empty sequence per feedback link, holding `n` samples that start with the primer (and, for mdn heads, the traces asked for). */
export function startSequences(links: FeedbackLink[], n: number, traceMixtures?: number[]): GeneratedSequence[] {
  return links.map((link) => ({
    inputId: link.input.nodeId,
    outputId: link.output.nodeId,
    head: link.output.head,
    samples: Array.from({ length: n }, () => link.primer.map((p) => (Array.isArray(p) ? [...p] : [p]))),
    primed: link.primer.length,
    stopped: new Array(n).fill('max-steps'),
    ...(link.output.head === 'mdn' && traceMixtures ? { mixtures: Array.from({ length: n }, (_, i) => (traceMixtures.includes(i) ? [] : null)) } : {}),
  }));
}

/**
 * One sample's step drawn from its Output's raw values; for an mdn head also
 * the distribution it came from. A drawing that ends before it has begun
 * (`tooEarly`) shows nothing: its end is drawn again, as going on.
 */
export function drawStep(link: FeedbackLink, row: ArrayLike<number>, temperature: number, rng: Rng, tooEarly = false): { sample: HeadSample; trace: MixtureTrace | null; redrawn: boolean } {
  if (link.output.head !== 'mdn') return { sample: sampleHead(link.output, row, temperature, rng), trace: null, redrawn: false };
  const first = sampleMixtureTraced(link.output, row, temperature, rng);
  if (!(tooEarly && isEnd(link, first.sample, undefined))) return { ...first, redrawn: false };
  const again = sampleMixtureTraced(link.output, row, temperature, rng, true);
  return { sample: again.sample, trace: { ...again.trace, earlyEnd: first.trace.pen[2] }, redrawn: true };
}
