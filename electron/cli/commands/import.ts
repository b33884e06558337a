import { resolve } from 'node:path';
import type { ImportResult } from '../../../core/export/import-graph';
import { saveGraph } from '../../../core/graph/load';
import { selectBackend } from '../../backend/select';
import { importModelFile, writeImportedRun, writeRunFile } from '../../run-store';
import { CliError, requireArg, type CliIO, type Command } from '../command';
import { cliRun } from '../run-errors';

const USAGE = 'seqwire import MODEL.json|MODEL.keras|MODEL.h5 -o GRAPH.seqwire.json';

/**
 * Writes an imported (or joined) graph and, with weights, a run folder beside
 * it (which generate, predict and export take as it is); says each layer
 * that was not imported on a line of its own and gives the exit code.
 */
export async function writeImported(out: string, { graph, weights, notes, refused }: ImportResult, source: string, io: CliIO): Promise<number> {
  await writeRunFile(resolve(out), saveGraph(graph));
  io.out(`wrote ${out}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
  if (weights) {
    const runDir = `${out.replace(/\.seqwire\.json$|\.json$/, '')}.run`;
    await writeImportedRun(runDir, graph, weights, source);
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
    const source = requireArg(positionals, 0, 'MODEL', USAGE);
    const out = typeof values.output === 'string' ? values.output : null;
    if (!out) throw new CliError(`missing -o GRAPH.seqwire.json\nusage: ${USAGE}`);
    await selectBackend();
    return writeImported(out, await cliRun(() => importModelFile(source)), resolve(source), io);
  },
};
