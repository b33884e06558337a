import { basename, dirname, join } from 'node:path';
import type { CompiledModel } from '../../core/compile/types';
import { exportKeras } from '../../core/export/keras/export-keras';
import { KerasExportError } from '../../core/export/keras/layer-code';
import { ImportError, importLayers, importModel, type ImportResult } from '../../core/export/import-graph';
import { joinModels } from '../../core/export/join-models';
import { KerasFileError, readKerasArchive, readKerasH5 } from '../../core/export/keras-files/read';
import { layersNeedingSeqwire, modelToFiles, ModelFileError, NEEDS_SEQWIRE_NOTE, WEIGHTS_FILE, zModelJson, type ModelFiles } from '../../core/export/tfjs-files';
import { parseJsonBounded } from '../../core/json-depth';
import { FileReadError } from '../data/bounded-read';
import { readWeightShards, WEIGHTS_LIMIT } from '../data/weight-shards';
import { TopologyError } from '../../core/export/topology';
import { parseGraphText, saveGraph } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { RunError } from '../../core/run/errors';
import { RUN_FILES } from '../../core/run/layout';
import { loadRun } from '../../core/run/load';
import { writeModelFiles, writeRunGraph, writeRunNote } from './run-folder';
import { readRunFile, readRunTextIfAny, writeRunFile } from './run-files';

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
    const own = layersNeedingSeqwire(files.modelJson);
    if (own.length) {
      // Said plainly beside the files, since they leave Seqwire: where they load and where they do not.
      written.push(join(target, 'README.txt'));
      await writeRunFile(written[3], `${NEEDS_SEQWIRE_NOTE}\n${own.map((l) => `  ${l}`).join('\n')}\n`);
    }
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
 * Reads a model file of any layers format: a Keras or tfjs `model.json` (with
 * the weight shards its manifest names, when they are beside it), a Keras 3
 * `.keras` zip or a Keras 2 `.h5`, bounded like every file a run reads. A model that Seqwire exported carries its graph
 * beside it (`graph.seqwire.json`): when that graph takes the weights, it is
 * the import, so the mdn head, the feedback and the training section survive.
 */
export async function importModelFile(path: string): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readRunFile(path, WEIGHTS_LIMIT);
  } catch (err) {
    throw new RunError('bad-model', err instanceof FileReadError ? err.message.replace('the file', 'the model') : `cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    // The format is told by the bytes: HDF5 (Keras 2 .h5), a zip (Keras 3 .keras), else JSON.
    if (HDF5_SIGNATURE.every((b, i) => bytes[i] === b)) {
      const { modelJson, weights } = readKerasH5(bytes, basename(path));
      return await importLayers(modelJson, weights);
    }
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      const { modelJson, weights, hasWeights } = readKerasArchive(bytes, basename(path));
      const result = await importLayers(modelJson, weights);
      if (!hasWeights) result.notes.push(`${basename(path)} was saved without weights`);
      return result;
    }
    return await importModelJson(path, bytes);
  } catch (err) {
    if (err instanceof ImportError || err instanceof TopologyError) throw new RunError('bad-import', `cannot import ${path}: ${err.message}`);
    if (err instanceof KerasFileError) throw new RunError('bad-model', `cannot import ${path}: ${err.message}`);
    throw err;
  }
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** A Keras or tfjs `model.json`; its weight shards when they are beside it, else the topology with a note. */
async function importModelJson(path: string, bytes: Uint8Array): Promise<ImportResult> {
  let json: unknown;
  try {
    json = parseJsonBounded(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new RunError('bad-model', `cannot read ${path}: not JSON, a .keras zip or an HDF5 file (${(err as Error).message})`);
  }
  const parsed = zModelJson.safeParse(json);
  let weights: Uint8Array | undefined;
  let missing: string | null = null;
  if (parsed.success && parsed.data.weightsManifest?.length) {
    // Shards are confined to the model.json's folder and bounded by its manifest, whoever asks (window or CLI).
    try {
      weights = await readWeightShards(path, parsed.data);
    } catch (err) {
      if (!(err instanceof FileReadError)) throw err;
      // A shard that is simply not there: the topology still imports, as a Keras JSON without weights does.
      if (err.code === 'not-found' && / which is not beside it$/.test(err.message)) missing = `${err.message}, so only the topology was imported: the graph starts untrained`;
      else throw new RunError('bad-model', err.message);
    }
  }
  const beside = parsed.success && weights ? await graphBeside(path, { modelJson: parsed.data, weightData: weights }) : null;
  if (beside) return beside;
  const result = await importModel(json, weights);
  if (missing) result.notes.unshift(missing);
  return result;
}

/** An encoder and a decoder saved as two model files, joined into one seq2seq graph (`joinModels`). */
export async function joinModelFiles(encoderPath: string, decoderPath: string): Promise<ImportResult> {
  const [encoder, decoder] = [await importModelFile(encoderPath), await importModelFile(decoderPath)];
  const refused = [...encoder.refused.map((l) => `${encoderPath}: ${l}`), ...decoder.refused.map((l) => `${decoderPath}: ${l}`)];
  if (refused.length) throw new RunError('bad-import', `cannot join models with layers Seqwire cannot take:\n${refused.join('\n')}`);
  try {
    return await joinModels(encoder, decoder);
  } catch (err) {
    if (err instanceof ImportError) throw new RunError('bad-import', `cannot join ${encoderPath} and ${decoderPath}: ${err.message}`);
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
  return { graph: loaded.graph, weights: model, notes: [...loaded.notes, `the graph came from ${RUN_FILES.graph} beside it, so nothing of it was lost`], refused: [], sourceWeights: null };
}

/** Keeps an imported model's weights as a finished run in `dir`, so generate, predict and export take them as they are. */
export async function writeImportedRun(dir: string, graph: Graph, weights: ModelFiles, source: string): Promise<void> {
  await writeRunNote(dir, { startedAt: new Date().toISOString(), status: 'done', backend: null, source, message: `imported from ${source}` });
  await writeRunGraph(dir, saveGraph(graph));
  await writeModelFiles(dir, weights);
}
