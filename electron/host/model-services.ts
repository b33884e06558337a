import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../core/api/errors';
import type { LoadedRun } from '../cli/commands/run-dir';
import type { HostServices } from './services';

/**
 * Generation, prediction (also on samples of the run's data), export and import for the host, over the same
 * run-folder functions the command line uses (so the window and `seqwire
 * generate` give the same answers). tfjs loads on first use. The last run
 * loaded is kept, so pressing Generate again does not reload the model.
 */

/** Errors these modules raise for a user's mistake, as contract errors with the same message. */
function asApiError(err: unknown): unknown {
  if (err instanceof ApiError || !(err instanceof Error)) return err;
  switch (err.name) {
    case 'GenerateError':
      return new ApiError('invalid-payload', err.message);
    case 'CliError':
    case 'ImportError':
    case 'TopologyError':
    case 'KerasExportError':
    case 'ModelFileError':
    case 'CompileError':
    case 'BackendError':
      return new ApiError('bad-file', err.message);
    default:
      return err;
  }
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    const { selectBackend } = await import('../backend/select');
    await selectBackend();
    return await work();
  } catch (err) {
    throw asApiError(err);
  }
}

let cached: { dir: string; stamp: number; run: LoadedRun } | null = null;

async function loadRun(dir: string): Promise<LoadedRun> {
  const stamp = await stat(join(dir, 'model.json')).then(
    (s) => s.mtimeMs,
    () => -1,
  );
  if (cached && cached.dir === dir && cached.stamp === stamp) return cached.run;
  const { readRunDir } = await import('../cli/commands/run-dir');
  const run = await readRunDir(dir);
  cached?.run.compiled.model.dispose();
  cached = { dir, stamp, run };
  return run;
}

export function modelServices(): Pick<HostServices, 'generate' | 'predict' | 'previewSamples' | 'exportModel' | 'importModel'> {
  return {
    generate: (dir, options) =>
      guarded(async () => {
        const run = await loadRun(dir);
        const { generateFromRun } = await import('../cli/commands/generate');
        const feedback = run.compiled.inputs.find((i) => i.feedback);
        const primer = options.primer && feedback ? { [feedback.nodeId]: options.primer } : undefined;
        const { view } = await generateFromRun(run, {
          n: options.n,
          temperature: options.temperature,
          maxSteps: options.maxSteps,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(primer ? { primer } : {}),
          ...(options.inputs ? { inputs: options.inputs } : {}),
        });
        return view;
      }),
    predict: (dir, inputs) =>
      guarded(async () => {
        const { predictFromRun } = await import('../cli/commands/predict');
        return predictFromRun(await loadRun(dir), inputs);
      }),
    previewSamples: (dir, options) =>
      guarded(async () => {
        const { previewFromRun } = await import('./preview-samples');
        return previewFromRun(await loadRun(dir), options);
      }),
    exportModel: (dir, format, target) =>
      guarded(async () => {
        const { exportModel } = await import('../cli/commands/export');
        return exportModel(dir, format, target);
      }),
    importModel: (_text, path) =>
      guarded(async () => {
        const { importModelFile } = await import('../cli/commands/import');
        const { graph, notes, refused } = await importModelFile(path);
        return { graph, notes: [...refused.map((line) => `not imported: ${line}`), ...notes] };
      }),
  };
}
