import { predictFromRun } from '../../../core/run/predict';
import { selectBackend } from '../../backend/select';
import { readRunDir } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { cliRun } from '../run-errors';
import { readInputsFile } from './generate';

const USAGE = 'seqwire predict RUNDIR --input FILE.json [--json]';

export const predictCommand: Command = {
  name: 'predict',
  summary: 'run a trained model on inputs given as JSON keyed by input node id; prints outputs keyed by Output node id',
  usage: USAGE,
  options: { input: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const dir = requireArg(positionals, 0, 'RUNDIR', USAGE);
    if (typeof values.input !== 'string') throw new CliError(`missing --input FILE.json\nusage: ${USAGE}`);
    const given = await readInputsFile(values.input);
    await selectBackend();
    const run = await cliRun(() => readRunDir(dir));
    const outputs = await cliRun(() => predictFromRun(run, given), `${values.input}: `, 2);
    if (values.json) io.out(JSON.stringify({ outputs }));
    else for (const [id, value] of Object.entries(outputs)) io.out(`${id}: ${JSON.stringify(value)}`);
    return 0;
  },
};
