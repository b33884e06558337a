import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ImportError, importLayers, importModel, type ImportResult } from '../../../core/export/import-graph';
import { KerasFileError, readKerasArchive, readKerasH5 } from '../../../core/export/keras-files/read';
import { ModelFileError, WEIGHTS_FILE, weightPathsOf, zModelJson } from '../../../core/export/tfjs-files';
import { TopologyError } from '../../../core/export/topology';
import { saveGraph } from '../../../core/graph/load';
import { selectBackend } from '../../backend/select';
import { CliError, requireArg, type CliIO, type Command } from '../command';

const USAGE = 'seqwire import MODEL.json|MODEL.keras|MODEL.h5 -o GRAPH.seqwire.json';

/** The largest model file (or weights shard) read whole into memory. */
export const MAX_MODEL_FILE_BYTES = 1024 * 1024 * 1024;

async function readBounded(path: string, what: string): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${what}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (size > MAX_MODEL_FILE_BYTES) throw new CliError(`${what} is ${size} bytes, more than the ${MAX_MODEL_FILE_BYTES} Seqwire reads`);
  return readFile(path);
}

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads a model file of any layers format: a Keras or tfjs `model.json`
 * (with the weight shards its manifest names, when they are beside it), a
 * Keras 3 `.keras` zip, or a Keras 2 `.h5`; the format is told by the bytes.
 */
export async function importModelFile(path: string): Promise<ImportResult> {
  const bytes = await readBounded(path, path);
  try {
    if (bytes.subarray(0, 8).equals(HDF5_SIGNATURE)) {
      const { modelJson, weights } = readKerasH5(new Uint8Array(bytes), basename(path));
      return await importLayers(modelJson, weights);
    }
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      const { modelJson, weights, hasWeights } = readKerasArchive(new Uint8Array(bytes), basename(path));
      const result = await importLayers(modelJson, weights);
      if (!hasWeights) result.notes.push(`${basename(path)} was saved without weights`);
      return result;
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new CliError(`cannot read ${path}: not JSON, a .keras zip or an HDF5 file (${(err as Error).message})`);
    }
    const { weights, missing } = await readShards(path, json);
    const result = await importModel(json, weights);
    if (missing) result.notes.unshift(`${missing}: the graph starts untrained`);
    return result;
  } catch (err) {
    if (err instanceof ImportError || err instanceof TopologyError) throw new CliError(`cannot import ${path}: ${err.message}`, 1);
    if (err instanceof KerasFileError || err instanceof ModelFileError) throw new CliError(`cannot import ${path}: ${err.message}`);
    throw err;
  }
}

/**
 * The weight shards a tfjs `model.json` names, joined; each must sit in the
 * model's folder or below it. When one is missing, the topology is still
 * imported (as a Keras JSON without weights is), with a note saying so.
 */
async function readShards(path: string, json: unknown): Promise<{ weights?: Uint8Array; missing?: string }> {
  const parsed = zModelJson.safeParse(json);
  if (!parsed.success || !parsed.data.weightsManifest?.length) return {};
  const folder = dirname(resolve(path));
  const parts: Buffer[] = [];
  let total = 0;
  for (const shard of weightPathsOf(parsed.data)) {
    const full = resolve(folder, shard);
    if (isAbsolute(shard) || relative(folder, full).startsWith('..')) throw new CliError(`${path} names the weights file ${shard}, which is outside the model's folder; Seqwire reads weights only from beside the model`);
    let part: Buffer;
    try {
      part = await readBounded(full, `the weights file ${shard}`);
    } catch {
      return { missing: `${path} names the weights file ${shard}, which is not beside it, so only the topology was imported` };
    }
    total += part.byteLength;
    if (total > MAX_MODEL_FILE_BYTES) throw new CliError(`the weights of ${path} are more than the ${MAX_MODEL_FILE_BYTES} bytes Seqwire reads`);
    parts.push(part);
  }
  return { weights: new Uint8Array(Buffer.concat(parts)) };
}

/** Writes an imported graph, and with weights a run folder beside it (which generate, predict and export take as it is); gives the exit code. */
export async function writeImported(out: string, { graph, weights, notes, refused }: ImportResult, io: CliIO): Promise<number> {
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, saveGraph(graph));
  io.out(`wrote ${out}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
  if (weights) {
    const runDir = `${out.replace(/\.seqwire\.json$|\.json$/, '')}.run`;
    await mkdir(runDir, { recursive: true });
    await writeFile(join(runDir, 'model.json'), JSON.stringify(weights.modelJson));
    await writeFile(join(runDir, WEIGHTS_FILE), weights.weightData);
    await writeFile(join(runDir, 'graph.seqwire.json'), saveGraph(graph));
    io.out(`wrote the weights as the run folder ${runDir}`);
  }
  for (const line of refused) io.err(`not imported: ${line}`);
  for (const note of notes) io.err(`note: ${note}`);
  // The graph keeps every layer that could be taken; it is written so the rest can be fixed on the canvas.
  return refused.length ? 1 : 0;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'turn a Keras or TensorFlow.js layers model (model.json, .keras, .h5) into a graph (with its weights, as a run folder beside it)',
  usage: USAGE,
  options: { output: { type: 'string', short: 'o' } },
  async run({ positionals, values }, io) {
    const source = requireArg(positionals, 0, 'MODEL.json', USAGE);
    const out = typeof values.output === 'string' ? values.output : null;
    if (!out) throw new CliError(`missing -o GRAPH.seqwire.json\nusage: ${USAGE}`);
    await selectBackend();
    return writeImported(out, await importModelFile(source), io);
  },
};
