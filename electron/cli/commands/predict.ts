import { labelsOf, predictFromRun, type NamedLabels } from '../../../core/run/predict';
import { selectBackend } from '../../backend/select';
import { readRunDir } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { cliRun } from '../run-errors';
import { readInputsFile } from './generate';

const USAGE = 'seqwire predict RUNDIR --input FILE.json [--json]';

export const predictCommand: Command = {
  name: 'predict',
  summary: 'run a trained model on inputs given as JSON keyed by input node id; prints each Output (a classifier by class names; --json adds the probabilities)',
  usage: USAGE,
  options: { input: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const dir = requireArg(positionals, 0, 'RUNDIR', USAGE);
    if (typeof values.input !== 'string') throw new CliError(`missing --input FILE.json\nusage: ${USAGE}`);
    const given = await readInputsFile(values.input);
    await selectBackend();
    const run = await cliRun(() => readRunDir(dir));
    const outputs = await cliRun(() => predictFromRun(run, given), `${values.input}: `, 2);
    const labels = await cliRun(() => labelsOf(run, outputs));
    if (values.json) io.out(JSON.stringify({ outputs, labels }));
    else {
      // A classifier's answer is its class names (the probabilities stay in --json); other outputs as values.
      for (const [id, value] of Object.entries(outputs)) io.out(labels[id] === undefined ? `${id}: ${JSON.stringify(value)}` : `${id}:\n${lines(labels[id]).map((l) => `  ${l}`).join('\n')}`);
    }
    return 0;
  },
};

/** One line per example: its class, or its classes step by step. */
function lines(labels: NamedLabels): string[] {
  if (typeof labels === 'string') return [labels];
  const words = (l: NamedLabels): string[] => (typeof l === 'string' ? [l] : l.flatMap(words));
  return labels.map((l) => words(l).join(' '));
}
