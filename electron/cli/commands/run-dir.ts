import { stat } from 'node:fs/promises';
import { parseJsonBounded } from '../../../core/json-depth';
import { DOCUMENT_LIMIT, FileReadError, readBounded } from '../../data/bounded-read';
import { WEIGHTS_LIMIT } from '../../data/weight-shards';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { CompiledModel } from '../../../core/compile/types';
import { loadDataset } from '../../../core/data/load';
import type { Dataset, FieldBatch, Vocab } from '../../../core/data/types';
import { encode } from '../../../core/data/vocab';
import { loadRun } from '../../../core/export/load-run';
import { ModelFileError, WEIGHTS_FILE, weightBytesOf, zModelJson } from '../../../core/export/tfjs-files';
import { parseGraphText } from '../../../core/graph/load';
import type { Graph } from '../../../core/graph/schema';
import { nodeDataHost } from '../../data/node-data-host';
import { CliError } from '../command';

/**
 * Reading a run folder (written by `seqwire train`: graph.seqwire.json,
 * model.json, weights.bin) into a model ready to generate or predict, and the
 * dataset facts generation needs (vocabularies, examples to condition on).
 * Shared by the generate, predict and export commands, and usable by the host.
 */

export interface LoadedRun {
  dir: string;
  graph: Graph;
  compiled: CompiledModel;
  /** The host's check on data files the run names (none on the command line: the user's own run). */
  confine?: ((abs: string) => Promise<string>) | undefined;
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A file of the run folder: a regular file of bounded size (a device or FIFO planted there is refused). */
async function readOrExplain(path: string, what: string, limit = DOCUMENT_LIMIT): Promise<Buffer> {
  try {
    return await readBounded(path, { limit, what });
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'not-found') throw new CliError(`cannot read ${what} ${path}: no such file (is this a run folder written by \`seqwire train\`?)`);
    throw new CliError(err instanceof FileReadError ? err.message : `cannot read ${what} ${path}: ${(err as Error).message}`);
  }
}

/** No more weight bytes than the manifest describes (the loader then says when they differ). */
function weightLimit(modelJson: Parameters<typeof weightBytesOf>[0]): number {
  const bytes = weightBytesOf(modelJson);
  return Number.isSafeInteger(bytes) ? Math.min(bytes, WEIGHTS_LIMIT) : WEIGHTS_LIMIT;
}

/** The run's graph compiled with its trained weights loaded by name (the exact reload). */
export async function readRunDir(dir: string): Promise<LoadedRun> {
  if (!(await isDirectory(dir))) throw new CliError(`${dir} is not a run folder (a folder with graph.seqwire.json, model.json and ${WEIGHTS_FILE})`);
  const graphText = (await readOrExplain(join(dir, 'graph.seqwire.json'), 'the graph')).toString('utf8');
  const loaded = parseGraphText(graphText);
  if (!loaded.ok) throw new CliError(`cannot read ${join(dir, 'graph.seqwire.json')}: ${loaded.error}`);
  let modelJson;
  try {
    modelJson = zModelJson.parse(parseJsonBounded((await readOrExplain(join(dir, 'model.json'), 'the model')).toString('utf8')));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${join(dir, 'model.json')} is not a TensorFlow.js layers model.json`);
  }
  const weightData = new Uint8Array(await readOrExplain(join(dir, WEIGHTS_FILE), 'the weights', weightLimit(modelJson)));
  try {
    return { dir, graph: loaded.graph, compiled: loadRun({ graph: loaded.graph, model: { modelJson, weightData } }) };
  } catch (err) {
    if (err instanceof ModelFileError) throw new CliError(`${dir}: ${err.message}`);
    if ((err as Error).name === 'CompileError') throw new CliError(`${dir}: the graph does not compile:\n${(err as Error).message}`, 1);
    throw err;
  }
}

/**
 * The dataset the run was trained on, for vocabularies and examples; `null`
 * (with the reason) when it cannot be made here, e.g. a file that moved.
 */
export async function runDataset(run: LoadedRun): Promise<{ dataset: Dataset | null; note: string | null }> {
  const ref = run.graph.training?.dataset;
  if (!ref) return { dataset: null, note: 'the graph names no dataset' };
  // A relative dataset path is relative to the project the run came from: a run folder sits
  // in the project's runs folder (or wherever `--out` put it), so look up from the run.
  let base = run.dir;
  const file = 'file' in ref && typeof ref.file === 'string' ? ref.file : null;
  if (file !== null && !isAbsolute(file)) {
    const candidates = [run.dir, dirname(run.dir), dirname(dirname(run.dir)), process.cwd()];
    for (const dir of candidates) {
      if (await exists(resolve(dir, file))) {
        base = dir;
        break;
      }
    }
  }
  const result = await loadDataset(ref, nodeDataHost(base, run.confine ? { confine: run.confine } : {}));
  return result.ok ? { dataset: result.dataset, note: null } : { dataset: null, note: `the dataset could not be loaded: ${result.issue.message}` };
}

/** The vocabulary of the field bound to each input and Output node, where the field has one. */
export function vocabsOf(graph: Graph, dataset: Dataset | null): Record<string, Vocab | undefined> {
  const out: Record<string, Vocab | undefined> = {};
  for (const [nodeId, field] of Object.entries(graph.training?.bindings ?? {})) out[nodeId] = dataset?.fields[field]?.vocab;
  return out;
}

/** The first `n` examples of the field bound to a node, as nested arrays (one per example). */
export function examplesFor(graph: Graph, dataset: Dataset, nodeId: string, n: number): unknown[] | null {
  const field = graph.training?.bindings?.[nodeId];
  if (!field || !dataset.fields[field] || dataset.size === 0) return null;
  const count = Math.min(n, dataset.size);
  const batch = dataset.batch(Array.from({ length: count }, (_, i) => i), [field])[field];
  return toNested(batch);
}

/** A batch as nested arrays, one per example (a field's batch, or any row-major numbers with their shape). */
export function toNested(batch: Pick<FieldBatch, 'shape'> & { data: ArrayLike<number> }): unknown[] {
  const [n, ...rest] = batch.shape;
  const per = rest.reduce((a, b) => a * b, 1);
  const build = (data: ArrayLike<number>, offset: number, dims: number[]): unknown => {
    if (!dims.length) return data[offset];
    const [d, ...more] = dims;
    const stride = more.reduce((a, b) => a * b, 1);
    return Array.from({ length: d }, (_, i) => build(data, offset + i * stride, more));
  };
  return Array.from({ length: n }, (_, i) => build(batch.data, i * per, rest));
}

/** Text given for a token input, as ids of its vocabulary; unknown characters named. */
export function encodeText(nodeId: string, text: string, vocab: Vocab | undefined): number[] {
  if (!vocab) throw new CliError(`input "${nodeId}" was given text, but the run's dataset has no vocabulary for it; give ids as an array`);
  const ids = encode(vocab, text);
  const bad = [...text].filter((_, i) => ids[i] === null);
  if (bad.length) throw new CliError(`input "${nodeId}": ${JSON.stringify(bad.join(''))} is not in the vocabulary (${vocab.tokens.filter((t) => !t.startsWith('<')).join('')})`);
  return ids as number[];
}
