import { writeFile } from 'node:fs/promises';
import { parseJsonBounded } from '../../../core/json-depth';
import { clip } from '../../../core/quote';
import { DOCUMENT_LIMIT, FileReadError, readTextBounded } from '../../data/bounded-read';
import { renderSvgSheet } from '../../../core/generate/strokes';
import { generateFromRun } from '../../../core/run/generate';
import { selectBackend } from '../../backend/select';
import { readRunDir } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { cliRun } from '../run-errors';

const USAGE = 'seqwire generate RUNDIR [--n N] [--temperature T] [--max-steps K] [--seed S] [--input FILE.json] [--condition ID=TEXT ...] [--svg FILE | --json]';

/** `--condition digit=3`: text for a token input, encoded with the run's vocabulary (the class a class-conditional model draws). */
export function readConditions(values: unknown): Record<string, string> {
  const list = values === undefined ? [] : Array.isArray(values) ? values : [values];
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = typeof item === 'string' ? item.indexOf('=') : -1;
    if (at < 1) throw new CliError(`--condition takes ID=TEXT (an input node id, then the text to condition on, e.g. digit=3), found ${JSON.stringify(clip(String(item), 80))}\nusage: ${USAGE}`);
    out[(item as string).slice(0, at)] = (item as string).slice(at + 1);
  }
  return out;
}

export function numberOption(value: unknown, name: string, check: (v: number) => boolean, what: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(v) || !check(v)) throw new CliError(`--${name} must be ${what}, found ${JSON.stringify(clip(String(value), 80))}\nusage: ${USAGE}`);
  return v;
}

/** Inputs given as JSON keyed by input node id; text for token inputs is encoded with the run's vocabulary. */
export async function readInputsFile(path: string): Promise<Record<string, unknown>> {
  let data: unknown;
  try {
    data = parseJsonBounded(await readTextBounded(path, { limit: DOCUMENT_LIMIT, what: 'the inputs' }));
  } catch (err) {
    throw new CliError(err instanceof FileReadError ? err.message : `cannot read ${path}: ${clip((err as Error).message, 200)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new CliError(`${path} must hold an object keyed by input node id`);
  return data as Record<string, unknown>;
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
    condition: { type: 'string', multiple: true },
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
    const conditions = readConditions(values.condition);
    const fromFile = typeof values.input === 'string' ? await readInputsFile(values.input) : undefined;
    const inputs = fromFile || Object.keys(conditions).length ? { ...fromFile, ...conditions } : undefined;
    await selectBackend();
    const run = await cliRun(() => readRunDir(dir));
    const { view, result, notes } = await cliRun(() => generateFromRun(run, { n, temperature, maxSteps, seed, inputs }), `cannot generate from ${dir}: `);
    if (values.json) {
      io.out(JSON.stringify({ ...view, steps: result.steps, mode: result.mode, stopped: result.sequences[0]?.stopped ?? [], notes }));
      return 0;
    }
    for (const note of notes) io.err(`note: ${note}`);
    if (typeof values.svg === 'string') {
      if (view.kind !== 'strokes') throw new CliError(`--svg draws strokes, but this model generates ${view.kind}; use --json`);
      const captions = view.drawings.map((d, i) => `${i + 1}: ${d.asked !== undefined ? `asked ${d.asked}, ` : ''}${d.stroke5.length} steps`);
      await writeFile(values.svg, renderSvgSheet(view.drawings.map((d) => d.polylines), { captions }));
      io.out(`wrote ${view.drawings.length} drawing${view.drawings.length === 1 ? '' : 's'} to ${values.svg}`);
      return 0;
    }
    if (view.kind === 'strokes') {
      view.drawings.forEach((d, i) => io.out(`drawing ${i + 1}${d.asked !== undefined ? ` (asked ${JSON.stringify(d.asked)})` : ''}: ${d.stroke5.length} steps, ${d.polylines.length} strokes, ${result.sequences[0].stopped[i] === 'end' ? 'ended' : 'stopped at max steps'}`));
      io.out('(use --svg FILE to see them, or --json for the steps)');
    } else if (view.kind === 'text') {
      for (const s of view.samples) {
        const sample = s.index === undefined ? '' : `#${s.index}  `;
        const check = s.truth === undefined ? '' : `   (true: ${s.truth} ${s.right ? '✓' : '✗'})`;
        io.out(`${sample}${s.input === null ? '' : `${s.input} → `}${s.output}${check}`);
      }
      if (view.split) io.out(`(${view.samples.filter((s) => s.right).length} of ${view.samples.length} right, on samples of the run's ${view.split} split)`);
    } else {
      for (const [id, samples] of Object.entries(view.outputs)) io.out(`${id}: ${JSON.stringify(samples.map((steps) => steps.map((v) => v.map((x) => Math.round(x * 1e4) / 1e4))))}`);
    }
    return 0;
  },
};
