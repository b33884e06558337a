import type { Rng } from '../random';
import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import { GenerateError, inputTensor } from './conditions';
import { feedValue, hasNonFinite } from './head-sample';
import { drawStep, isEnd, nanError, requireCondition, startSequences, toList, yieldToHost } from './loop-parts';
import type { FeedbackLink, GenerateOptions, GenerateResult } from './types';

type RunOptions = GenerateOptions & { n: number; temperature: number; maxSteps: number };

/**
 * Forecasting with a model that reads a window and gives one value for it (a
 * many-to-one Output): each prediction is appended to the window and the
 * oldest step dropped, so the model always sees windows like those it was
 * trained on. Every step reruns the window, which is what such a model means.
 */
export async function runWindowed(compiled: CompiledModel, links: FeedbackLink[], options: RunOptions, rng: Rng): Promise<GenerateResult> {
  const { n, temperature, maxSteps } = options;
  const windows = links.map((link) => {
    const steps = link.input.type.shape[0];
    if (link.input.type.shape.length < 1 || (link.input.nodeType !== 'TokenInput' && link.input.type.shape.length !== 2)) {
      throw new GenerateError(`input "${link.input.nodeId}" is not a sequence, so its Output "${link.output.nodeId}" cannot be fed back into it`);
    }
    const width = steps ?? link.lead.length;
    if (link.lead.length < width) {
      throw new GenerateError(`input "${link.input.nodeId}" reads windows of ${width} steps: give a primer of at least ${width} steps (the history to forecast from)`);
    }
    const history = link.lead.slice(link.lead.length - width);
    return Array.from({ length: n }, () => [...history]);
  });
  const fixed = new Map<number, tf.Tensor>();
  compiled.inputs.forEach((input, i) => {
    if (!links.some((l) => l.inputIndex === i)) fixed.set(i, inputTensor(input, requireCondition(input, options), n));
  });
  const sequences = startSequences(links, n, options.traceMixtures);
  const done = new Array<boolean>(n).fill(false);
  let step = 0;
  try {
    for (; step < maxSteps && !done.every(Boolean); step++) {
      const xs = compiled.inputs.map((input, i) => {
        const j = links.findIndex((l) => l.inputIndex === i);
        if (j < 0) return fixed.get(i)!;
        return input.nodeType === 'TokenInput'
          ? tf.tensor2d(windows[j].flat() as number[], [n, windows[j][0].length], 'int32')
          : tf.tensor(windows[j] as number[][][], undefined, 'float32');
      });
      const ys = toList(compiled.model.predict(xs));
      tf.dispose(xs.filter((_, i) => !fixed.has(i)));
      const raws = links.map((link) => ys[link.outputIndex].dataSync());
      tf.dispose(ys);
      links.forEach((link, j) => {
        const width = link.output.units;
        for (let i = 0; i < n; i++) {
          if (done[i]) continue;
          const row = raws[j].subarray(i * width, (i + 1) * width);
          if (hasNonFinite(row)) throw nanError(link.output.nodeId, step);
          const { sample, trace } = drawStep(link, row, temperature, rng);
          sequences[j].samples[i].push(sample);
          if (trace) sequences[j].mixtures?.[i]?.push(trace);
          windows[j][i].push(feedValue(link.input, link.output, sample));
          windows[j][i].shift();
          if (isEnd(link, sample, options.endToken)) sequences[j].stopped[i] = 'end';
        }
      });
      for (let i = 0; i < n; i++) done[i] = done[i] || sequences.some((s) => s.stopped[i] === 'end');
      options.onStep?.(step + 1, sequences);
      if ((step + 1) % 32 === 0) await yieldToHost();
    }
  } finally {
    tf.dispose([...fixed.values()]);
  }
  return { mode: 'window', sequences, steps: step, notes: [] };
}
