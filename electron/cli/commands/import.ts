import { resolve } from 'node:path';
import { saveGraph } from '../../../core/graph/load';
import { selectBackend } from '../../backend/select';
import { importModelFile, writeImportedRun, writeRunFile } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { cliRun } from '../run-errors';

const USAGE = 'seqwire import MODEL.json -o GRAPH.seqwire.json';

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
    const { graph, weights, notes } = await cliRun(() => importModelFile(source));
    await writeRunFile(resolve(out), saveGraph(graph));
    io.out(`wrote ${out}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    if (weights) {
      // A run folder, so that generate, predict and export take the imported weights as they are.
      const runDir = `${out.replace(/\.seqwire\.json$|\.json$/, '')}.run`;
      await writeImportedRun(runDir, graph, weights, resolve(source));
      io.out(`wrote the weights as the run folder ${runDir}`);
    }
    for (const note of notes) io.err(`note: ${note}`);
    return 0;
  },
};
