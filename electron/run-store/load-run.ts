import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { loadDataset } from '../../core/data/load';
import { ModelFileError, weightBytesOf, zModelJson, type ModelJson } from '../../core/export/tfjs-files';
import { parseJsonBounded } from '../../core/json-depth';
import { FileReadError } from '../data/bounded-read';
import { WEIGHTS_LIMIT } from '../data/weight-shards';
import { parseGraphText } from '../../core/graph/load';
import { RunError } from '../../core/run/errors';
import { RUN_FILES } from '../../core/run/layout';
import { loadRun, type LoadedRun, type RunData } from '../../core/run/load';
import { nodeDataHost, type DataHostOptions } from '../data/node-data-host';
import { isFolder, pathExists, readRunFile } from './run-files';

/**
 * A run folder read into a model ready to generate, predict, preview or
 * export (core/run does that work), with its dataset read on first need and
 * kept for the life of the loaded run.
 */

async function readOrExplain(path: string, what: string, limit?: number): Promise<Uint8Array> {
  try {
    return await readRunFile(path, limit);
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'not-found') throw new RunError(what === 'the graph' ? 'not-a-run' : 'no-model', `cannot read ${what} ${path}: no such file${what === 'the graph' ? ' (is this a run folder written by `seqwire train`?)' : ' (the run kept no trained weights)'}`);
    throw new RunError('bad-model', err instanceof FileReadError ? err.message.replace('the file', what) : `cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

/** No more weight bytes than the manifest describes (the loader then says when they differ). */
function weightLimit(modelJson: ModelJson): number {
  const bytes = weightBytesOf(modelJson);
  return Number.isSafeInteger(bytes) ? Math.min(bytes, WEIGHTS_LIMIT) : WEIGHTS_LIMIT;
}

export interface ReadRunOptions {
  /** The host's check on data files the run's graph names (none on the command line: the user's own run). */
  confine?: DataHostOptions['confine'];
}

/** The run's graph compiled with its trained weights loaded by name (the exact reload). */
export async function readRunDir(dir: string, options: ReadRunOptions = {}): Promise<LoadedRun> {
  if (!(await isFolder(dir))) throw new RunError('not-a-run', `${dir} is not a run folder (a folder with ${RUN_FILES.graph}, ${RUN_FILES.model} and ${RUN_FILES.weights})`);
  const graphPath = join(dir, RUN_FILES.graph);
  const loaded = parseGraphText(new TextDecoder().decode(await readOrExplain(graphPath, 'the graph')));
  if (!loaded.ok) throw new RunError('not-a-run', `cannot read ${graphPath}: ${loaded.error}`);
  const modelPath = join(dir, RUN_FILES.model);
  const modelText = new TextDecoder().decode(await readOrExplain(modelPath, 'the model'));
  let modelJson;
  try {
    modelJson = zModelJson.parse(parseJsonBounded(modelText));
  } catch {
    throw new RunError('bad-model', `${modelPath} is not a TensorFlow.js layers model.json`);
  }
  const weightData = await readOrExplain(join(dir, RUN_FILES.weights), 'the weights', weightLimit(modelJson));
  let compiled;
  try {
    compiled = loadRun({ graph: loaded.graph, model: { modelJson, weightData } });
  } catch (err) {
    if (err instanceof ModelFileError) throw new RunError('bad-model', `${dir}: ${err.message}`);
    if ((err as Error).name === 'CompileError') throw new RunError('graph-invalid', `${dir}: the graph does not compile:\n${(err as Error).message}`);
    throw err;
  }
  let data: Promise<RunData> | null = null;
  const run: LoadedRun = {
    where: dir,
    graph: loaded.graph,
    compiled,
    data: () => {
      if (!data) {
        data = runDataset(run, dir, options);
        // A dataset that could not be made (a file that moved) is tried again next time.
        void data.then((r) => r.dataset || (data = null), () => (data = null));
      }
      return data;
    },
  };
  return run;
}

/**
 * The dataset the run was trained on, for vocabularies and examples; `null`
 * (with the reason) when it cannot be made here, e.g. a file that moved.
 * A relative dataset path is relative to the project the run came from: a run
 * folder sits in the project's runs folder (or wherever `--out` put it), so it
 * is looked up from the run upwards.
 */
async function runDataset(run: LoadedRun, dir: string, options: ReadRunOptions): Promise<RunData> {
  const ref = run.graph.training?.dataset;
  if (!ref) return { dataset: null, note: 'the graph names no dataset' };
  let base = dir;
  const file = 'file' in ref && typeof ref.file === 'string' ? ref.file : null;
  if (file !== null && !isAbsolute(file)) {
    for (const candidate of [dir, dirname(dir), dirname(dirname(dir)), process.cwd()]) {
      if (await pathExists(resolve(candidate, file))) {
        base = candidate;
        break;
      }
    }
  }
  const result = await loadDataset(ref, nodeDataHost(base, options.confine ? { confine: options.confine } : {}));
  return result.ok ? { dataset: result.dataset, note: null } : { dataset: null, note: `the dataset could not be loaded: ${result.issue.message}` };
}

/** When the model file of a run last changed (-1: it has none), so a cache knows a retrained run. */
export async function modelStamp(dir: string): Promise<number> {
  return stat(join(dir, RUN_FILES.model)).then(
    (s) => s.mtimeMs,
    () => -1,
  );
}
