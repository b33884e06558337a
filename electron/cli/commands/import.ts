import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ImportError, importModel, type ImportResult } from '../../../core/export/import-graph';
import { WEIGHTS_FILE, zModelJson } from '../../../core/export/tfjs-files';
import { TopologyError } from '../../../core/export/topology';
import { saveGraph } from '../../../core/graph/load';
import { selectBackend } from '../../backend/select';
import { DOCUMENT_LIMIT, FileReadError, readTextBounded } from '../../data/bounded-read';
import { readWeightShards } from '../../data/weight-shards';
import { parseJsonBounded } from '../../../core/json-depth';
import { CliError, requireArg, type Command } from '../command';

const USAGE = 'seqwire import MODEL.json -o GRAPH.seqwire.json';

/** Reads a Keras or tfjs `model.json` and, when its manifest names weight files beside it, their bytes. */
export async function importModelFile(path: string): Promise<ImportResult> {
  let json: unknown;
  try {
    json = parseJsonBounded(await readTextBounded(path, { limit: DOCUMENT_LIMIT, what: 'the model' }));
  } catch (err) {
    throw new CliError(err instanceof FileReadError ? err.message : `cannot read ${path}: ${(err as Error).message}`);
  }
  const parsed = zModelJson.safeParse(json);
  let weights: Uint8Array | undefined;
  if (parsed.success && parsed.data.weightsManifest?.length) {
    // Shards are confined to the model.json's folder and bounded by its manifest, whoever asks.
    try {
      weights = await readWeightShards(path, parsed.data);
    } catch (err) {
      if (err instanceof FileReadError) throw new CliError(err.message);
      throw err;
    }
  }
  try {
    return await importModel(json, weights);
  } catch (err) {
    if (err instanceof ImportError || err instanceof TopologyError) throw new CliError(`cannot import ${path}: ${err.message}`, 1);
    throw err;
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'turn a Keras or TensorFlow.js layers model.json into a graph (with its weights, as a run folder beside it)',
  usage: USAGE,
  options: { output: { type: 'string', short: 'o' } },
  async run({ positionals, values }, io) {
    const source = requireArg(positionals, 0, 'MODEL.json', USAGE);
    const out = typeof values.output === 'string' ? values.output : null;
    if (!out) throw new CliError(`missing -o GRAPH.seqwire.json\nusage: ${USAGE}`);
    await selectBackend();
    const { graph, weights, notes } = await importModelFile(source);
    await mkdir(dirname(resolve(out)), { recursive: true });
    await writeFile(out, saveGraph(graph));
    io.out(`wrote ${out}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    if (weights) {
      // A run folder, so that generate, predict and export take the imported weights as they are.
      const runDir = `${out.replace(/\.seqwire\.json$|\.json$/, '')}.run`;
      await mkdir(runDir, { recursive: true });
      await writeFile(join(runDir, 'model.json'), JSON.stringify(weights.modelJson));
      await writeFile(join(runDir, WEIGHTS_FILE), weights.weightData);
      await writeFile(join(runDir, 'graph.seqwire.json'), saveGraph(graph));
      io.out(`wrote the weights as the run folder ${runDir}`);
    }
    for (const note of notes) io.err(`note: ${note}`);
    return 0;
  },
};
