import { basename, dirname, join } from 'node:path';
import type { CompiledModel } from '../../core/compile/types';
import { exportKeras } from '../../core/export/keras/export-keras';
import { KerasExportError } from '../../core/export/keras/layer-code';
import { ImportError, importModel, type ImportResult } from '../../core/export/import-graph';
import { modelToFiles, ModelFileError, WEIGHTS_FILE, zModelJson, type ModelFiles } from '../../core/export/tfjs-files';
import { parseJsonBounded } from '../../core/json-depth';
import { FileReadError } from '../data/bounded-read';
import { readWeightShards } from '../data/weight-shards';
import { TopologyError } from '../../core/export/topology';
import { parseGraphText, saveGraph } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { RunError } from '../../core/run/errors';
import { RUN_FILES } from '../../core/run/layout';
import { loadRun } from '../../core/run/load';
import { writeModelFiles, writeRunGraph, writeRunNote } from './run-folder';
import { readRunText, readRunTextIfAny, writeRunFile } from './run-files';

/**
 * Models leaving and entering: export of a trained (or freshly compiled)
 * model as tfjs files or a Keras script, import of a Keras or tfjs
 * `model.json`, and an imported model's weights kept as a run.
 */

/** Writes the model as tfjs files into `target` (with the graph beside them, for the exact reload), or as a Keras script; gives the files. */
export async function writeExport(graph: Graph, compiled: CompiledModel, format: 'tfjs' | 'keras', target: string): Promise<string[]> {
  if (format === 'tfjs') {
    const files = await modelToFiles(compiled.model);
    const written = [join(target, RUN_FILES.model), join(target, WEIGHTS_FILE), join(target, RUN_FILES.graph)];
    await writeModelFiles(target, files);
    await writeRunFile(written[2], saveGraph(graph));
    return written;
  }
  if (!target.endsWith('.py')) throw new RunError('bad-input', `a Keras export is a .py file, found ${target}`);
  const base = basename(target, '.py');
  let out;
  try {
    out = await exportKeras(compiled, base, graph.training);
  } catch (err) {
    if (err instanceof KerasExportError) throw new RunError('graph-invalid', err.message);
    throw err;
  }
  const dir = dirname(target);
  const written = [target, join(dir, `${base}.weights.json`), join(dir, `${base}.weights.bin`)];
  await writeRunFile(written[0], out.script, 0o755);
  await writeRunFile(written[1], out.weightsJson);
  await writeRunFile(written[2], out.weightsBin);
  return written;
}

/**
 * Reads a Keras or tfjs `model.json` and, when its manifest names weight files
 * beside it, their bytes. A model that Seqwire exported carries its graph
 * beside it (`graph.seqwire.json`): when that graph takes the weights, it is
 * the import, so the mdn head, the feedback and the training section survive.
 */
export async function importModelFile(path: string): Promise<ImportResult> {
  let json: unknown;
  try {
    json = parseJsonBounded(await readRunText(path));
  } catch (err) {
    throw new RunError('bad-model', err instanceof FileReadError ? err.message.replace('the file', 'the model') : `cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = zModelJson.safeParse(json);
  let weights: Uint8Array | undefined;
  if (parsed.success && parsed.data.weightsManifest?.length) {
    // Shards are confined to the model.json's folder and bounded by its manifest, whoever asks (window or CLI).
    try {
      weights = await readWeightShards(path, parsed.data);
    } catch (err) {
      if (err instanceof FileReadError) throw new RunError('bad-model', err.message);
      throw err;
    }
  }
  const beside = parsed.success && weights ? await graphBeside(path, { modelJson: parsed.data, weightData: weights }) : null;
  if (beside) return beside;
  try {
    return await importModel(json, weights);
  } catch (err) {
    if (err instanceof ImportError || err instanceof TopologyError) throw new RunError('bad-import', `cannot import ${path}: ${err.message}`);
    throw err;
  }
}

/** The Seqwire graph exported beside `model.json`, when it reads and its model takes these weights by name. */
async function graphBeside(path: string, model: ModelFiles): Promise<ImportResult | null> {
  const graphPath = join(dirname(path), RUN_FILES.graph);
  const text = await readRunTextIfAny(graphPath).catch(() => null);
  if (text === null) return null;
  const loaded = parseGraphText(text);
  if (!loaded.ok) return null;
  try {
    loadRun({ graph: loaded.graph, model }).model.dispose();
  } catch (err) {
    if (err instanceof ModelFileError || (err as Error).name === 'CompileError') return null;
    throw err;
  }
  return { graph: loaded.graph, weights: model, notes: [...loaded.notes, `the graph came from ${RUN_FILES.graph} beside it, so nothing of it was lost`] };
}

/** Keeps an imported model's weights as a finished run in `dir`, so generate, predict and export take them as they are. */
export async function writeImportedRun(dir: string, graph: Graph, weights: ModelFiles, source: string): Promise<void> {
  await writeRunNote(dir, { startedAt: new Date().toISOString(), status: 'done', backend: null, source, message: `imported from ${source}` });
  await writeRunGraph(dir, saveGraph(graph));
  await writeModelFiles(dir, weights);
}
