import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { compileGraph } from '../../../core/compile/compile';
import type { CompiledModel } from '../../../core/compile/types';
import { exportKeras } from '../../../core/export/keras/export-keras';
import { KerasExportError } from '../../../core/export/keras/layer-code';
import { layersNeedingSeqwire, modelToFiles, WEIGHTS_FILE } from '../../../core/export/tfjs-files';
import { saveGraph } from '../../../core/graph/load';
import type { Graph } from '../../../core/graph/schema';
import { analyzeGraph } from '../../../core/validate/analyze';
import { selectBackend } from '../../backend/select';
import { CliError, requireArg, type Command } from '../command';
import { readGraphFile } from '../read-graph';
import { isDirectory, readRunDir } from './run-dir';

const NEEDS_SEQWIRE =
  "This model.json needs Seqwire's layer classes to load: plain TensorFlow.js (tf.loadLayersModel) stops with \"Unknown layer\" at these layers. Seqwire reads it as it is; the Keras export (seqwire export --keras) writes them as standard Keras layers.";

const USAGE = 'seqwire export GRAPH_OR_RUNDIR (--keras OUT.py | --tfjs DIR)';

/** A run folder's trained model, or a graph file's model as compiled (untrained). */
export async function modelFrom(source: string): Promise<{ graph: Graph; compiled: CompiledModel; trained: boolean }> {
  if (await isDirectory(source)) {
    const run = await readRunDir(source);
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

/** Writes the model as tfjs files into `dir` (with the graph beside them, for the exact reload), or as a Keras script; gives the files. */
export async function exportModel(source: string, format: 'tfjs' | 'keras', target: string): Promise<string[]> {
  const { graph, compiled } = await modelFrom(source);
  if (format === 'tfjs') {
    await mkdir(target, { recursive: true });
    const files = await modelToFiles(compiled.model);
    const written = [join(target, 'model.json'), join(target, WEIGHTS_FILE), join(target, 'graph.seqwire.json')];
    await writeFile(written[0], JSON.stringify(files.modelJson));
    await writeFile(written[1], files.weightData);
    await writeFile(written[2], saveGraph(graph));
    const own = layersNeedingSeqwire(files.modelJson);
    if (own.length) {
      // Said plainly beside the files, since they leave Seqwire: where they load and where they do not.
      written.push(join(target, 'README.txt'));
      await writeFile(written[3], `${NEEDS_SEQWIRE}\n${own.map((l) => `  ${l}`).join('\n')}\n`);
    }
    return written;
  }
  if (!target.endsWith('.py')) throw new CliError(`--keras takes the path of a .py file, found ${target}`);
  const base = basename(target, '.py');
  let out;
  try {
    out = await exportKeras(compiled, base, graph.training);
  } catch (err) {
    if (err instanceof KerasExportError) throw new CliError(err.message, 1);
    throw err;
  }
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const written = [target, join(dir, `${base}.weights.json`), join(dir, `${base}.weights.bin`)];
  await writeFile(written[0], out.script, { mode: 0o755 });
  await writeFile(written[1], out.weightsJson);
  await writeFile(written[2], out.weightsBin);
  return written;
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
    const trained = await isDirectory(source);
    const files = await exportModel(source, keras ? 'keras' : 'tfjs', (keras ?? tfjs)!);
    for (const f of files) io.out(`wrote ${f}`);
    if (files.some((f) => f.endsWith('README.txt'))) io.err(`note: ${NEEDS_SEQWIRE} (listed in README.txt)`);
    if (!trained) io.err('note: exported from a graph file, so the weights are freshly initialised; export a run folder for trained weights');
    if (keras) io.out(`run it with: python3 ${files[0]}   (--check-weights needs only numpy; --train DATA.npz trains further)`);
    return 0;
  },
};
