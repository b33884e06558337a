import { ApiError } from '../../core/api/errors';
import type { LoadedRun } from '../../core/run/load';
import type { DataConfine, HostServices } from './services';

/**
 * Generation, prediction (also on samples of the run's data), export and
 * import for the host, over the run layer (core/run for the work,
 * electron/runs for the files) that the command line uses too, so the window
 * and `seqwire generate` give the same answers. tfjs loads on first use. The
 * last run loaded is kept, so pressing Generate again does not reload it.
 */

/** Errors these modules raise for a user's mistake, as contract errors with the same message. */
export function asApiError(err: unknown): unknown {
  if (err instanceof ApiError || !(err instanceof Error)) return err;
  switch (err.name) {
    case 'RunError': {
      const code = (err as Error & { code: string }).code;
      if (code === 'bad-input') return new ApiError('invalid-payload', err.message);
      if (code === 'not-a-run' || code === 'no-model') return new ApiError('not-found', err.message);
      return new ApiError('bad-file', err.message);
    }
    case 'GenerateError':
      return new ApiError('invalid-payload', err.message);
    case 'FileReadError':
      return new ApiError((err as Error & { code: string }).code === 'not-found' ? 'not-found' : 'bad-file', err.message);
    case 'ImportError':
    case 'TopologyError':
    case 'KerasExportError':
    case 'ModelFileError':
    case 'CompileError':
    case 'BackendError':
      return new ApiError('bad-file', err.message);
    default: {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new ApiError('not-found', err.message);
      if (code === 'EACCES' || code === 'EPERM' || code === 'ENOSPC' || code === 'EISDIR') return new ApiError('io-error', err.message);
      return err;
    }
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

/** The run of `dir`; its dataset reads go through `confine` (the host's path rules, the same for every run of one folder). */
async function loadRun(dir: string, confine?: DataConfine): Promise<LoadedRun> {
  const { modelStamp, readRunDir } = await import('../run-store');
  const stamp = await modelStamp(dir);
  if (cached && cached.dir === dir && cached.stamp === stamp) return cached.run;
  const run = await readRunDir(dir, confine ? { confine } : {});
  cached?.run.compiled.model.dispose();
  cached = { dir, stamp, run };
  return run;
}

export function modelServices(): Pick<HostServices, 'generate' | 'predict' | 'previewSamples' | 'probeRun' | 'exportModel' | 'importModel'> {
  return {
    generate: (dir, options, confine) =>
      guarded(async () => {
        const run = await loadRun(dir, confine);
        const { generateFromRun } = await import('../../core/run/generate');
        const feedback = run.compiled.inputs.find((i) => i.feedback);
        const primer = options.primer && feedback ? { [feedback.nodeId]: options.primer } : undefined;
        const { view } = await generateFromRun(run, {
          n: options.n,
          temperature: options.temperature,
          maxSteps: options.maxSteps,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
          ...(primer ? { primer } : {}),
          ...(options.inputs ? { inputs: options.inputs } : {}),
          ...(options.mixturesFor?.length ? { traceMixtures: options.mixturesFor } : {}),
        });
        return view;
      }),
    predict: (dir, inputs, confine) =>
      guarded(async () => {
        const { predictFromRun } = await import('../../core/run/predict');
        return predictFromRun(await loadRun(dir, confine), inputs);
      }),
    previewSamples: (dir, options, confine) =>
      guarded(async () => {
        const { previewFromRun } = await import('../../core/run/preview');
        return previewFromRun(await loadRun(dir, confine), options);
      }),
    probeRun: (dir, options, confine) =>
      guarded(async () => {
        const { probeFromRun } = await import('../../core/run/probe');
        return probeFromRun(await loadRun(dir, confine), options);
      }),
    exportModel: (dir, format, target) =>
      guarded(async () => {
        const { writeExport } = await import('../run-store');
        const run = await loadRun(dir);
        return writeExport(run.graph, run.compiled, format, target);
      }),
    importModel: (path, joinWith) =>
      guarded(async () => {
        const { importModelFile, joinModelFiles } = await import('../run-store');
        const result = joinWith === undefined ? await importModelFile(path) : await joinModelFiles(joinWith, path);
        // Each layer that has no node is said on a line of its own; the graph holds the rest.
        return { ...result, notes: [...result.refused.map((line) => `not imported: ${line}`), ...result.notes] };
      }),
  };
}
