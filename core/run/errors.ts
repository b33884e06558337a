/**
 * The user mistakes of the run layer, as one table: a run folder that is not
 * one, a model that does not fit its graph, inputs that do not fit the model.
 * The command line turns them into its exit codes, the host into API errors;
 * both keep the message as it is.
 */
export const RUN_ERROR_CODES = {
  'not-a-run': 'the folder is not a run folder (graph.seqwire.json, model.json and weights.bin)',
  'no-model': 'the run has no trained weights (it failed or was cancelled before any were kept)',
  'bad-model': 'model.json or its weights cannot be read, or do not fit the graph',
  'graph-invalid': "the run's graph does not compile",
  'out-exists': 'the run folder already holds a run; resume it or start afresh on purpose',
  'no-checkpoint': 'there is no checkpoint to resume from',
  'bad-input': 'the values given for the inputs do not fit the model',
  'bad-import': 'the model file cannot be turned into a graph',
} as const;

export type RunErrorCode = keyof typeof RUN_ERROR_CODES;

/** A user mistake about a run; `code` says which kind, `message` says what and where. */
export class RunError extends Error {
  constructor(
    readonly code: RunErrorCode,
    message: string,
  ) {
    super(message);
    // Adapters map errors by name too, across module copies where instanceof fails.
    this.name = 'RunError';
  }
}

export function isRunError(err: unknown): err is RunError {
  return err instanceof Error && err.name === 'RunError' && typeof (err as RunError).code === 'string';
}
