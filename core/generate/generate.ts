import * as tf from '@tensorflow/tfjs';
import type { CompiledInput, CompiledModel, CompiledOutput } from '../compile/types';
import { batchSizeOf, GenerateError, inputTensor } from './conditions';
import { feedValue, hasNonFinite, sampleHead } from './head-sample';
import { START_STROKE } from './mdn-sample';
import { Rng } from '../random';
import { buildStepPlan, NotSteppableError, type StepPlan } from './step-model';
import { chainStepper } from './chain-step';
import { drawStep, isEnd, nanError, requireCondition, startSequences, toList, yieldToHost } from './loop-parts';
import type { FeedbackLink, GeneratedSequence, GenerateOptions, GenerateResult } from './types';
import { runWindowed } from './window';

export const DEFAULT_MAX_STEPS = 250;

/**
 * Generates from a trained model using only what its graph declares: every
 * input with `feedback` is fed, step by step, the sample drawn from its
 * Output. Inputs without feedback are conditions, computed once. Stops per
 * sample at the end state or end token, or after `maxSteps`.
 */
export async function generate(compiled: CompiledModel, options: GenerateOptions = {}): Promise<GenerateResult> {
  const rng = new Rng(options.seed ?? 1);
  const temperature = options.temperature ?? 1;
  if (!(temperature >= 0 && Number.isFinite(temperature))) throw new GenerateError(`temperature must be a number from 0 up, found ${temperature}`);
  const n = options.n ?? compiled.inputs.map((inp) => batchSizeOf(inp, options.conditions?.[inp.nodeId])).find((b) => b !== undefined) ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new GenerateError(`n must be a whole number from 1 up, found ${n}`);
  const links = feedbackLinks(compiled, options);
  const notes: string[] = [];
  if (!links.length) return runOnce(compiled, options, n, temperature, rng);
  const perStep = links.filter((l) => l.output.type.shape.length === 2);
  if (perStep.length && perStep.length !== links.length) {
    throw new GenerateError('some feedback Outputs give one value per step and others one per sequence; generation needs one kind');
  }
  const maxSteps = options.maxSteps ?? links.map((l) => l.input.type.shape[0]).find((t): t is number => typeof t === 'number') ?? DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new GenerateError(`max steps must be a whole number from 1 up, found ${maxSteps}`);
  if (!perStep.length) return runWindowed(compiled, links, { ...options, n, temperature, maxSteps }, rng);
  let plan: StepPlan;
  try {
    plan = buildStepPlan(compiled);
  } catch (err) {
    if (err instanceof NotSteppableError) throw new GenerateError(`cannot generate step by step: ${err.message}`);
    throw err;
  }
  try {
    return await runStepped(compiled, plan, links, { ...options, n, temperature, maxSteps }, rng, notes);
  } finally {
    plan.dispose();
  }
}

function feedbackLinks(compiled: CompiledModel, options: GenerateOptions): FeedbackLink[] {
  const links: FeedbackLink[] = [];
  compiled.inputs.forEach((input, inputIndex) => {
    if (!input.feedback) return;
    const outputIndex = compiled.outputs.findIndex((o) => o.nodeId === input.feedback);
    if (outputIndex < 0) throw new GenerateError(`input "${input.nodeId}" takes feedback from "${input.feedback}", which is not an Output of the model`);
    const output = compiled.outputs[outputIndex];
    const primer = options.primer?.[input.nodeId] ?? [];
    const start = startValue(input, output, options.startToken);
    const lead = start === null ? primer : [start, ...primer];
    if (!lead.length) {
      const what = output.head === 'softmax' ? 'a start token (the dataset vocabulary has none) or a primer' : 'a primer (its first steps)';
      throw new GenerateError(`input "${input.nodeId}" needs ${what} to start generating from`);
    }
    links.push({ inputIndex, input, outputIndex, output, lead, primer });
  });
  return links;
}

/** What the first step of a loop is fed: sketch-rnn's S0 for strokes, the start token for ids, or nothing (the primer starts). */
function startValue(input: CompiledInput, output: CompiledOutput, startToken: number | undefined): number | number[] | null {
  if (output.head === 'mdn') return [...START_STROKE];
  if (output.head === 'softmax') return startToken === undefined ? null : feedValue(input, output, [startToken]);
  return null;
}

type RunOptions = GenerateOptions & { n: number; temperature: number; maxSteps: number };

/** Feeds every sample its value of one step: [n, 1] ids or [n, 1, F] floats. */
export function stepTensor(input: CompiledInput, values: (number | number[])[]): tf.Tensor {
  if (input.nodeType === 'TokenInput') return tf.tensor2d(values as number[], [values.length, 1], 'int32');
  const width = (values[0] as number[]).length;
  return tf.tensor3d((values as number[][]).flat(), [values.length, 1, width], 'float32');
}

async function runStepped(compiled: CompiledModel, plan: StepPlan, links: FeedbackLink[], options: RunOptions, rng: Rng, notes: string[]): Promise<GenerateResult> {
  const { n, temperature, maxSteps } = options;
  const positions = links.map((link) => {
    const pos = plan.stepOutputs.indexOf(link.outputIndex);
    if (pos < 0) throw new GenerateError(`Output "${link.output.nodeId}" does not depend on input "${link.input.nodeId}", so feeding it back cannot change it`);
    return pos;
  });
  const leadLength = links[0].lead.length;
  if (links.some((l) => l.lead.length !== leadLength)) throw new GenerateError('the primers of the feedback inputs must have the same length');
  let limit = maxSteps;
  const alignedSteps = plan.staticFeeds.filter((f) => f.aligned && f.steps !== null).map((f) => f.steps!);
  if (alignedSteps.length && Math.min(...alignedSteps) - leadLength + 1 < limit) {
    limit = Math.max(0, Math.min(...alignedSteps) - leadLength + 1);
    notes.push(`stopped after ${limit} steps: a sequence computed from the conditions has ${Math.min(...alignedSteps)} steps`);
  }

  const conditions = plan.prefixInputs.map((i) => inputTensor(compiled.inputs[i], requireCondition(compiled.inputs[i], options), n));
  const { statics: staticValues, states: fromPrefix } = plan.runPrefix(conditions);
  tf.dispose(conditions);
  let states = plan.states.map((s) => (s.fromPrefix ? fromPrefix.shift()! : tf.zeros([n, s.size])));

  const sequences = startSequences(links, n, options.traceMixtures);
  const done = new Array<boolean>(n).fill(false);
  const minSteps = options.minSteps ?? DEFAULT_MIN_DRAWING_STEPS;
  const earlyEnds = new Set<number>();
  const current = links.map((link) => new Array(n).fill(link.lead[0]) as (number | number[])[]);
  let generated = 0;
  // One kernel call per step where the step model is a plain chain of cells and Dense layers; otherwise the
  // step model applied eagerly (no predict batching or input checks).
  const runStep = chainStepper(plan) ?? ((inputs: tf.Tensor[]) => tf.tidy(() => toList(plan.step.apply(inputs, { training: false }) as tf.Tensor | tf.Tensor[])));
  try {
    for (let t = 0; generated < limit; t++) {
      if (t < leadLength) links.forEach((link, j) => current[j].fill(link.lead[t]));
      const feeds = links.map((link, j) => stepTensor(link.input, current[j]));
      const statics = plan.staticFeeds.map((f, k) => (f.aligned ? tf.slice(staticValues[k], [0, t], [n, 1]) : staticValues[k]));
      const outs = runStep([...feeds, ...statics, ...states]);
      tf.dispose([...feeds, ...statics.filter((_, k) => plan.staticFeeds[k].aligned), ...states]);
      states = outs.slice(plan.stepOutputs.length);
      const raws = positions.map((pos) => outs[pos].dataSync());
      tf.dispose(outs.slice(0, plan.stepOutputs.length));
      if (t < leadLength - 1) continue;
      generated++;
      links.forEach((link, j) => {
        const width = link.output.units;
        for (let i = 0; i < n; i++) {
          if (done[i]) continue;
          const row = raws[j].subarray(i * width, (i + 1) * width);
          if (hasNonFinite(row)) throw nanError(link.output.nodeId, generated - 1);
          const { sample, trace, redrawn } = drawStep(link, row, temperature, rng, generated <= minSteps);
          if (redrawn) earlyEnds.add(i);
          sequences[j].samples[i].push(sample);
          if (trace) sequences[j].mixtures?.[i]?.push(trace);
          current[j][i] = feedValue(link.input, link.output, sample);
          if (isEnd(link, sample, options.endToken)) sequences[j].stopped[i] = 'end';
        }
      });
      for (let i = 0; i < n; i++) done[i] = done[i] || sequences.some((s) => s.stopped[i] === 'end');
      options.onStep?.(generated, sequences);
      if (done.every(Boolean)) break;
      if (generated % 32 === 0) await yieldToHost();
    }
  } finally {
    tf.dispose([...states, ...staticValues]);
  }
  if (sequences.some((s) => s.stopped.includes('max-steps')) && !notes.length) {
    notes.push(`${sequences[0].stopped.filter((s) => s === 'max-steps').length} of ${n} samples reached ${limit} steps without an end${endHint(links, options)}`);
  }
  if (earlyEnds.size) {
    notes.push(`${earlyEnds.size} of ${n} drawings drew the end within their first ${minSteps} steps; there the end was drawn again as "go on", so no drawing is empty (minSteps ${minSteps})`);
  }
  return { mode: 'step', sequences, steps: generated, notes };
}

/** Steps a drawing goes on for before it may end (sketch-rnn's samples are never empty either). */
export const DEFAULT_MIN_DRAWING_STEPS = 3;

function endHint(links: FeedbackLink[], options: GenerateOptions): string {
  return links.some((l) => l.output.head === 'softmax') && options.endToken === undefined ? ' (no end token was given)' : '';
}

/** No feedback anywhere: the model runs once and every Output is sampled (per step when it gives a sequence). */
function runOnce(compiled: CompiledModel, options: GenerateOptions, n: number, temperature: number, rng: Rng): GenerateResult {
  const xs = compiled.inputs.map((inp) => inputTensor(inp, requireCondition(inp, options), n));
  const ys = toList(compiled.model.predict(xs));
  tf.dispose(xs);
  const sequences = compiled.outputs.map((output, k): GeneratedSequence => {
    const data = ys[k].dataSync();
    const steps = output.type.shape.length === 2 ? ys[k].shape[1]! : 1;
    const samples = Array.from({ length: n }, (_, i) =>
      Array.from({ length: steps }, (_, t) => {
        const at = (i * steps + t) * output.units;
        const row = data.subarray(at, at + output.units);
        if (hasNonFinite(row)) throw nanError(output.nodeId, t);
        return sampleHead(output, row, temperature, rng);
      }),
    );
    return { inputId: null, outputId: output.nodeId, head: output.head, samples, primed: 0, stopped: new Array(n).fill('end') };
  });
  tf.dispose(ys);
  return { mode: 'once', sequences, steps: 1, notes: ['the graph has no feedback input: the model ran once'] };
}
