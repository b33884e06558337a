import { readFile, writeFile } from 'node:fs/promises';
import { GenerateError } from '../../../core/generate/conditions';
import { generate } from '../../../core/generate/generate';
import { presentGenerated, type GeneratedView } from '../../../core/generate/present';
import { renderSvgSheet } from '../../../core/generate/strokes';
import type { GenerateOptions, GenerateResult } from '../../../core/generate/types';
import { selectBackend } from '../../backend/select';
import { CliError, requireArg, type Command } from '../command';
import { encodeText, examplesFor, readRunDir, runDataset, vocabsOf, type LoadedRun } from './run-dir';

const USAGE = 'seqwire generate RUNDIR [--n N] [--temperature T] [--max-steps K] [--seed S] [--input FILE.json] [--svg FILE | --json]';

export function numberOption(value: unknown, name: string, check: (v: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(v) || !check(v)) throw new CliError(`--${name} must be ${what}, found ${JSON.stringify(value)}\nusage: ${USAGE}`);
  return v;
}

/** Inputs given as JSON keyed by input node id; text for token inputs is encoded with the run's vocabulary. */
export async function readInputsFile(path: string): Promise<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new CliError(`${path} must hold an object keyed by input node id`);
  return data as Record<string, unknown>;
}

/**
 * Generation from a run folder with the dataset filling what the user left
 * out: examples to condition on, the start and end tokens of the vocabulary,
 * a history window to forecast from.
 */
export async function generateFromRun(run: LoadedRun, options: GenerateOptions & { inputs?: Record<string, unknown> }): Promise<{ view: GeneratedView; result: GenerateResult; notes: string[] }> {
  const { compiled, graph } = run;
  const notes: string[] = [];
  const needsData =
    compiled.inputs.some((i) => !i.feedback && options.inputs?.[i.nodeId] === undefined) ||
    compiled.outputs.some((o) => o.head === 'softmax') ||
    compiled.inputs.some((i) => i.feedback && compiled.outputs.find((o) => o.nodeId === i.feedback)?.type.shape.length === 1 && !options.primer?.[i.nodeId]);
  const { dataset, note } = needsData ? await runDataset(run) : { dataset: null, note: null };
  if (note) notes.push(note);
  const vocabs = vocabsOf(graph, dataset);
  const n = options.n ?? 1;
  const conditions: Record<string, unknown> = {};
  const primer = { ...(options.primer ?? {}) };
  for (const input of compiled.inputs) {
    const given = options.inputs?.[input.nodeId];
    if (given !== undefined) {
      const value = typeof given === 'string' ? encodeText(input.nodeId, given, vocabs[input.nodeId]) : given;
      // Values for a feedback input are its primer: the first steps to continue from.
      if (input.feedback) {
        if (!Array.isArray(value)) throw new CliError(`input "${input.nodeId}" takes a primer: a list of steps`);
        primer[input.nodeId] = value as (number | number[])[];
      } else conditions[input.nodeId] = value;
      continue;
    }
    const feedbackOutput = compiled.outputs.find((o) => o.nodeId === input.feedback);
    if (input.feedback && feedbackOutput?.type.shape.length === 2) continue;
    const examples = dataset ? examplesFor(graph, dataset, input.nodeId, n) : null;
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
  return { view: presentGenerated(result, compiled, vocabs, conditions), result, notes };
}

export const generateCommand: Command = {
  name: 'generate',
  summary: 'sample from a trained run through the feedback its graph declares: strokes, text or forecasts',
  usage: USAGE,
  options: {
    n: { type: 'string' },
    temperature: { type: 'string' },
    'max-steps': { type: 'string' },
    seed: { type: 'string' },
    input: { type: 'string' },
    svg: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    const dir = requireArg(positionals, 0, 'RUNDIR', USAGE);
    const n = numberOption(values.n, 'n', (v) => Number.isInteger(v) && v >= 1 && v <= 1024, 'a whole number from 1 to 1024');
    const temperature = numberOption(values.temperature, 'temperature', (v) => v >= 0 && v <= 10, 'a number from 0 to 10');
    const maxSteps = numberOption(values['max-steps'], 'max-steps', (v) => Number.isInteger(v) && v >= 1 && v <= 100000, 'a whole number from 1 up');
    const seed = numberOption(values.seed, 'seed', Number.isInteger, 'a whole number');
    if (values.svg && values.json) throw new CliError(`choose one of --svg and --json\nusage: ${USAGE}`);
    const inputs = typeof values.input === 'string' ? await readInputsFile(values.input) : undefined;
    await selectBackend();
    const run = await readRunDir(dir);
    let out;
    try {
      out = await generateFromRun(run, { n, temperature, maxSteps, seed, inputs });
    } catch (err) {
      if (err instanceof GenerateError) throw new CliError(`cannot generate from ${dir}: ${err.message}`, 1);
      throw err;
    }
    const { view, result, notes } = out;
    if (values.json) {
      io.out(JSON.stringify({ ...view, steps: result.steps, mode: result.mode, stopped: result.sequences[0]?.stopped ?? [], notes }));
      return 0;
    }
    for (const note of notes) io.err(`note: ${note}`);
    if (typeof values.svg === 'string') {
      if (view.kind !== 'strokes') throw new CliError(`--svg draws strokes, but this model generates ${view.kind}; use --json`);
      await writeFile(values.svg, renderSvgSheet(view.drawings.map((d) => d.polylines), { captions: view.drawings.map((d, i) => `${i + 1}: ${d.stroke5.length} steps`) }));
      io.out(`wrote ${view.drawings.length} drawing${view.drawings.length === 1 ? '' : 's'} to ${values.svg}`);
      return 0;
    }
    if (view.kind === 'strokes') {
      view.drawings.forEach((d, i) => io.out(`drawing ${i + 1}: ${d.stroke5.length} steps, ${d.polylines.length} strokes, ${result.sequences[0].stopped[i] === 'end' ? 'ended' : 'stopped at max steps'}`));
      io.out('(use --svg FILE to see them, or --json for the steps)');
    } else if (view.kind === 'text') {
      for (const s of view.samples) io.out(s.input === null ? s.output : `${s.input} → ${s.output}`);
    } else {
      for (const [id, samples] of Object.entries(view.outputs)) io.out(`${id}: ${JSON.stringify(samples.map((steps) => steps.map((v) => v.map((x) => Math.round(x * 1e4) / 1e4))))}`);
    }
    return 0;
  },
};
