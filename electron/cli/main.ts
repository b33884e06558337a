import { parseArgs } from 'node:util';
import { escapeControls, quote, safeMessage } from '../../core/quote';
import { describeSystemError } from '../data/system-errors';
import { CliError, type CliIO } from './command';
import { COMMANDS } from './commands/index';

// What reaches the terminal never carries raw escape codes from a file; messages are also capped.
const consoleIO: CliIO = {
  out: (text) => process.stdout.write(escapeControls(text) + '\n'),
  err: (text) => process.stderr.write(safeMessage(text, 20_000) + '\n'),
  isTTY: !!process.stdout.isTTY,
};

let pipeGuarded = false;
/**
 * `seqwire validate big.json --json | head -c 50`: once the reader has gone,
 * writing fails with EPIPE. That is the reader's choice, not an error: stop
 * quietly with the exit code so far instead of printing a stack trace.
 */
export function quietOnBrokenPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw err;
    });
  }
}

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'seqwire: design, train and run recurrent neural networks from .seqwire.json graphs',
    '',
    'usage: seqwire COMMAND [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `seqwire COMMAND --help` for the options of one command.',
  ].join('\n');
}

/** Runs one command line; resolves to the process exit code. Never prints a stack trace for a user error. */
export async function main(argv: string[], io: CliIO = consoleIO): Promise<number> {
  if (io === consoleIO) quietOnBrokenPipe();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command ${quote(name)}\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    const { positionals, values } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run({ positionals, values }, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(err.message);
      return err.exitCode;
    }
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(err as Error).message}\nusage: ${command.usage}`);
      return 2;
    }
    // The file system refused (a folder in the way, a full disk): a sentence, not EEXIST.
    const system = describeSystemError(err);
    if (system !== null) {
      io.err(system);
      return 2;
    }
    // A bug, not a user mistake: say so briefly; the stack only on request.
    io.err(`seqwire ${name} failed: ${(err as Error).message ?? String(err)}`);
    if (process.env.SEQWIRE_DEBUG) io.err((err as Error).stack ?? '');
    return 70;
  }
}
