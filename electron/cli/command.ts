import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; tests capture it, the terminal shows it. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars), false for pipes and scripts. */
  isTTY: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

/** One subcommand of `seqwire`. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the exit code: 0 done, 1 the graph or run failed, 2 bad input or usage. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** A user mistake that ends the command with a message and an exit code, never a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    // The host maps errors by name (model-services), across module copies where instanceof fails.
    this.name = 'CliError';
  }
}

/** The positional argument at `index`, or a usage error naming it. */
export function requireArg(positionals: string[], index: number, name: string, usage: string): string {
  const value = positionals[index];
  if (!value) throw new CliError(`missing ${name}\nusage: ${usage}`);
  return value;
}
