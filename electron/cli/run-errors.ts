import { isRunError } from '../../core/run/errors';
import { CliError } from './command';

/**
 * The run layer's user errors as the command line's: exit code 2 for what the
 * user named wrongly (a folder, inputs, an existing --out), 1 for a model or
 * graph that does not work. The message stays as it is. A GenerateError
 * (inputs the model cannot take) exits with `generateExit`.
 */
export async function cliRun<T>(work: () => Promise<T>, prefix = '', generateExit = 1): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isRunError(err)) {
      const code = err.code === 'graph-invalid' || err.code === 'bad-import' ? 1 : 2;
      throw new CliError(`${prefix}${err.message}`, code);
    }
    if ((err as Error).name === 'GenerateError') throw new CliError(`${prefix}${(err as Error).message}`, generateExit);
    throw err;
  }
}
