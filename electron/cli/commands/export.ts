import { compileGraph } from '../../../core/compile/compile';
import type { CompiledModel } from '../../../core/compile/types';
import { NEEDS_SEQWIRE_NOTE } from '../../../core/export/tfjs-files';
import type { Graph } from '../../../core/graph/schema';
import { analyzeGraph } from '../../../core/validate/analyze';
import { selectBackend } from '../../backend/select';
import { isFolder, readRunDir, writeExport } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { readGraphFile } from '../read-graph';
import { cliRun } from '../run-errors';

const USAGE = 'seqwire export GRAPH_OR_RUNDIR (--keras OUT.py | --tfjs DIR)';

/** A run folder's trained model, or a graph file's model as compiled (untrained). */
async function modelFrom(source: string): Promise<{ graph: Graph; compiled: CompiledModel; trained: boolean }> {
  if (await isFolder(source)) {
    const run = await cliRun(() => readRunDir(source));
    return { graph: run.graph, compiled: run.compiled, trained: true };
  }
  const { graph } = await readGraphFile(source);
  const analysis = analyzeGraph(graph);
  if (!analysis.valid) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.nodeId || '(graph)'}: ${d.message}`);
    throw new CliError(`${source} is invalid:\n${errors.join('\n')}`, 1);
  }
  return { graph, compiled: compileGraph(graph, analysis), trained: false };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a graph or a trained run as TensorFlow.js files (--tfjs DIR) or a tf.keras script with its weights (--keras OUT.py)',
  usage: USAGE,
  options: { keras: { type: 'string' }, tfjs: { type: 'string' } },
  async run({ positionals, values }, io) {
    const source = requireArg(positionals, 0, 'GRAPH_OR_RUNDIR', USAGE);
    const keras = typeof values.keras === 'string' ? values.keras : null;
    const tfjs = typeof values.tfjs === 'string' ? values.tfjs : null;
    if (!keras === !tfjs) throw new CliError(`give exactly one of --keras OUT.py and --tfjs DIR\nusage: ${USAGE}`);
    await selectBackend();
    const { graph, compiled, trained } = await modelFrom(source);
    if (keras && !keras.endsWith('.py')) throw new CliError(`--keras takes the path of a .py file, found ${keras}`);
    const files = await cliRun(() => writeExport(graph, compiled, keras ? 'keras' : 'tfjs', (keras ?? tfjs)!));
    for (const f of files) io.out(`wrote ${f}`);
    if (files.some((f) => f.endsWith('README.txt'))) io.err(`note: ${NEEDS_SEQWIRE_NOTE} (listed in README.txt)`);
    if (!trained) io.err('note: exported from a graph file, so the weights are freshly initialised; export a run folder for trained weights');
    if (keras) io.out(`run it with: python3 ${files[0]}   (--check-weights needs only numpy; --train DATA.npz trains further)`);
    return 0;
  },
};
