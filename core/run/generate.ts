import { DEFAULT_MAX_STEPS, generate } from '../generate/generate';
import { presentGenerated, type GeneratedView } from '../generate/present';
import type { GenerateOptions, GenerateResult } from '../generate/types';
import { encodeText, examplesAt, fieldsOf, heldOutSamples, vocabsOf, type HeldOut } from './data';
import { RunError } from './errors';
import type { LoadedRun } from './load';

/** Numbers of mixture parameters one generation may trace (max steps x mixtures x 6 x drawings traced): about 5 MB of JSON. */
export const MIXTURE_NUMBERS_LIMIT = 600_000;

export type RunGenerateOptions = GenerateOptions & { inputs?: Record<string, unknown> };

/**
 * Generation from a loaded run with the dataset filling what the user left
 * out: examples to condition on, the start and end tokens of the vocabulary,
 * a history window to forecast from. Examples come from the split the run
 * validated on (a seeded draw with a seed), so a student checks the model on
 * what it did not train on, and the truth of each comes along. The window
 * and `seqwire generate` both call this, so they give the same answers.
 */
export async function generateFromRun(run: LoadedRun, options: RunGenerateOptions): Promise<{ view: GeneratedView; result: GenerateResult; notes: string[] }> {
  const { compiled, graph } = run;
  const notes: string[] = [];
  checkTraceSize(run, options);
  const needsData =
    compiled.inputs.some((i) => !i.feedback && options.inputs?.[i.nodeId] === undefined) ||
    // Text is encoded with the vocabulary of the run's dataset.
    Object.values(options.inputs ?? {}).some((v) => typeof v === 'string') ||
    compiled.outputs.some((o) => o.head === 'softmax') ||
    compiled.inputs.some((i) => i.feedback && compiled.outputs.find((o) => o.nodeId === i.feedback)?.type.shape.length === 1 && !options.primer?.[i.nodeId]);
  const { dataset, note } = needsData ? await run.data() : { dataset: null, note: null };
  if (note) notes.push(note);
  const vocabs = vocabsOf(graph, dataset);
  const fields = fieldsOf(graph, dataset);
  const n = options.n ?? 1;
  const held: HeldOut | null = dataset ? heldOutSamples(graph, dataset, n, options.seed) : null;
  // Inputs conditioned on the user's own values: no sample of the data, so no truth to show.
  let typed = false;
  const conditions: Record<string, unknown> = {};
  const primer = { ...(options.primer ?? {}) };
  for (const input of compiled.inputs) {
    const given = options.inputs?.[input.nodeId];
    if (given !== undefined) {
      const value = typeof given === 'string' ? encodeText(input.nodeId, given, vocabs[input.nodeId], fields[input.nodeId]) : given;
      typed = true;
      // Values for a feedback input are its primer: the first steps to continue from.
      if (input.feedback) {
        if (!Array.isArray(value)) throw new RunError('bad-input', `input "${input.nodeId}" takes a primer: a list of steps`);
        primer[input.nodeId] = value as (number | number[])[];
      } else conditions[input.nodeId] = value;
      continue;
    }
    const feedbackOutput = compiled.outputs.find((o) => o.nodeId === input.feedback);
    if (input.feedback && feedbackOutput?.type.shape.length === 2) continue;
    const examples = dataset && held ? examplesAt(graph, dataset, input.nodeId, held.indices) : null;
    if (!examples) continue;
    if (input.feedback) {
      if (!primer[input.nodeId]) primer[input.nodeId] = examples[0] as (number | number[])[];
    } else {
      conditions[input.nodeId] = examples.length === n ? examples : examples[0];
    }
  }
  const link = compiled.inputs.find((i) => i.feedback);
  const startToken = options.startToken ?? (link ? vocabs[link.nodeId]?.specials.start : undefined);
  const endToken = options.endToken ?? (link ? (vocabs[link.feedback!] ?? vocabs[link.nodeId])?.specials.end : undefined);
  const result = await generate(compiled, { ...options, n, conditions, primer, startToken, endToken });
  notes.push(...result.notes);
  const fromData = held && held.indices.length > 0 && !typed && Object.keys(conditions).length > 0;
  // The truth of each Output that the samples' data holds: what its answer is checked against.
  const truth = fromData && dataset ? Object.fromEntries(compiled.outputs.map((o) => [o.nodeId, examplesAt(graph, dataset, o.nodeId, held.indices)?.map((v) => (Array.isArray(v) ? v : [v])) as number[][] | undefined])) : {};
  const shown = fromData ? { indices: held.indices, split: held.split, truth } : undefined;
  return { view: presentGenerated(result, compiled, vocabs, conditions, { fields, ...(shown ? { samples: shown } : {}) }), result, notes };
}

/** Refuses a trace that would not fit one answer, before any work. */
function checkTraceSize(run: LoadedRun, options: RunGenerateOptions): void {
  const traced = new Set((options.traceMixtures ?? []).filter((i) => i < (options.n ?? 1))).size;
  const mixtures = Math.max(0, ...run.compiled.outputs.filter((o) => o.head === 'mdn').map((o) => o.mixtures));
  const numbers = traced * mixtures * 6 * (options.maxSteps ?? DEFAULT_MAX_STEPS);
  if (numbers > MIXTURE_NUMBERS_LIMIT) {
    throw new RunError('bad-input', `tracing the mixtures of ${traced} drawing${traced === 1 ? '' : 's'} over ${options.maxSteps ?? DEFAULT_MAX_STEPS} steps with ${mixtures} mixtures would send ${numbers} numbers (at most ${MIXTURE_NUMBERS_LIMIT}): trace fewer drawings or lower max steps`);
  }
}
