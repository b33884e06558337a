import * as tf from '@tensorflow/tfjs';
import { GenerateError, inputTensor } from '../../../core/generate/conditions';
import { selectBackend } from '../../backend/select';
import { CliError, requireArg, type Command } from '../command';
import { readInputsFile } from './generate';
import { encodeText, readRunDir, runDataset, vocabsOf, type LoadedRun } from './run-dir';

const USAGE = 'seqwire predict RUNDIR --input FILE.json [--json]';

/** Runs a trained model on inputs keyed by input node id; outputs keyed by Output node id, as nested arrays. */
export async function predictFromRun(run: LoadedRun, given: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { compiled } = run;
  const missing = compiled.inputs.filter((i) => given[i.nodeId] === undefined).map((i) => i.nodeId);
  if (missing.length) throw new GenerateError(`no values for input${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')}; the model's inputs are ${compiled.inputs.map((i) => `"${i.nodeId}"`).join(', ')}`);
  const unknown = Object.keys(given).filter((k) => !compiled.inputs.some((i) => i.nodeId === k));
  if (unknown.length) throw new GenerateError(`${unknown.map((u) => `"${u}"`).join(', ')} is not an input of the model; its inputs are ${compiled.inputs.map((i) => `"${i.nodeId}"`).join(', ')}`);
  const needsVocab = compiled.inputs.some((i) => typeof given[i.nodeId] === 'string');
  const vocabs = needsVocab ? vocabsOf(run.graph, (await runDataset(run)).dataset) : {};
  const xs = compiled.inputs.map((input) => {
    const value = given[input.nodeId];
    return inputTensor(input, typeof value === 'string' ? encodeText(input.nodeId, value, vocabs[input.nodeId]) : value);
  });
  const batch = xs.map((x) => x.shape[0]);
  if (batch.some((b) => b !== batch[0])) {
    tf.dispose(xs);
    throw new GenerateError(`the inputs hold different numbers of examples (${batch.join(', ')})`);
  }
  const ys = compiled.model.predict(xs);
  const list = Array.isArray(ys) ? ys : [ys];
  const outputs = Object.fromEntries(compiled.outputs.map((o, k) => [o.nodeId, list[k].arraySync()]));
  tf.dispose([...xs, ...list]);
  return outputs;
}

export const predictCommand: Command = {
  name: 'predict',
  summary: 'run a trained model on inputs given as JSON keyed by input node id; prints outputs keyed by Output node id',
  usage: USAGE,
  options: { input: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const dir = requireArg(positionals, 0, 'RUNDIR', USAGE);
    if (typeof values.input !== 'string') throw new CliError(`missing --input FILE.json\nusage: ${USAGE}`);
    const given = await readInputsFile(values.input);
    await selectBackend();
    const run = await readRunDir(dir);
    let outputs;
    try {
      outputs = await predictFromRun(run, given);
    } catch (err) {
      if (err instanceof GenerateError) throw new CliError(`${values.input}: ${err.message}`);
      throw err;
    }
    if (values.json) io.out(JSON.stringify({ outputs }));
    else for (const [id, value] of Object.entries(outputs)) io.out(`${id}: ${JSON.stringify(value)}`);
    return 0;
  },
};
