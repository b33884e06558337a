import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinModels } from '../../../core/export/join-models';
import { loadRun } from '../../../core/run/load';
import { weightPathsOf, weightSpecsOf, zModelJson } from '../../../core/export/tfjs-files';
import { analyzeGraph } from '../../../core/validate/analyze';
import { selectBackend } from '../../backend/select';
import { importModelFile } from '../../run-store';

/**
 * The import corpus (written by scripts/import-corpus/make_corpus.py): small
 * recurrent models in each layers format and version, each with the outputs
 * its source computes on the inputs beside it (Keras files: by PyTorch from
 * the same weights; tfjs files: by plain tf.loadLayersModel, here).
 */
const CORPUS = join(__dirname, 'import-corpus');
interface Expected {
  source: string;
  params: number;
  inputs: unknown[];
  outputs: number[][] | null;
}
const cases = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => ({ file: f.replace(/\.expected\.json$/, ''), expected: JSON.parse(readFileSync(join(CORPUS, f), 'utf8')) as Expected }));

function tensorOf(value: unknown, like: tf.SymbolicTensor): tf.Tensor {
  return tf.tensor(value as number[], undefined, like.dtype);
}

/** The source of a tfjs file: the model as plain TensorFlow.js loads it from its own files. */
async function tfjsModel(path: string): Promise<tf.LayersModel> {
  const modelJson = zModelJson.parse(JSON.parse(readFileSync(path, 'utf8')));
  const shards = weightPathsOf(modelJson).map((p) => readFileSync(join(dirname(path), p)));
  const data = new Uint8Array(Buffer.concat(shards));
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: weightSpecsOf(modelJson), weightData: data.buffer }));
}

/** The largest difference between two models' outputs. */
function worst(a: tf.Tensor[], b: tf.Tensor[]): number {
  expect(a.map((t) => t.shape)).toEqual(b.map((t) => t.shape));
  return Math.max(...a.map((t, i) => tf.max(tf.abs(tf.sub(t, b[i]))).dataSync()[0]));
}

describe('import corpus: every format and version', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it.each(cases)('$file ($expected.source) imports, validates, counts the source\'s parameters and predicts what the source predicts', async ({ file, expected }) => {
    const path = join(CORPUS, file);
    const { graph, weights, refused } = await importModelFile(path);
    expect(refused).toEqual([]);
    const analysis = analyzeGraph(graph);
    expect(analysis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(analysis.totalParams).toBe(expected.params);
    if (!expected.inputs.length) {
      expect(weights).toBeNull();
      return;
    }
    expect(weights).not.toBeNull();
    const compiled = loadRun({ graph, model: weights! });
    expect(compiled.model.countParams()).toBe(expected.params);
    const xs = expected.inputs.map((x, i) => tensorOf(x, compiled.model.inputs[i]));
    const got = compiled.model.predict(xs);
    const ours = Array.isArray(got) ? got : [got];
    let theirs: tf.Tensor[];
    if (expected.outputs) theirs = expected.outputs.map((o) => tf.tensor(o));
    else {
      const source = await tfjsModel(path);
      expect(source.countParams()).toBe(expected.params);
      const out = source.predict(expected.inputs.map((x, i) => tensorOf(x, source.inputs[i])));
      theirs = Array.isArray(out) ? out : [out];
    }
    expect(worst(ours, theirs)).toBeLessThanOrEqual(1e-5);
    tf.dispose([...xs, ...ours, ...theirs]);
    compiled.model.dispose();
  });

  it('join/: an encoder and a decoder saved apart (Keras 2 .h5) join into one seq2seq graph that predicts what the source does', async () => {
    const spec = JSON.parse(readFileSync(join(CORPUS, 'join', 'seq2seq.join.json'), 'utf8')) as Expected & { encoder: string; decoder: string };
    const encoder = await importModelFile(join(CORPUS, 'join', spec.encoder));
    const decoder = await importModelFile(join(CORPUS, 'join', spec.decoder));
    expect(encoder.graph.nodes.filter((n) => n.type === 'ModelOutput')).toHaveLength(2);
    const joined = await joinModels(encoder, decoder);
    expect(analyzeGraph(joined.graph).totalParams).toBe(spec.params);
    const compiled = loadRun({ graph: joined.graph, model: joined.weights! });
    const xs = spec.inputs.map((x, i) => tensorOf(x, compiled.model.inputs[i]));
    const got = compiled.model.predict(xs) as tf.Tensor;
    expect(worst([got], spec.outputs!.map((o) => tf.tensor(o)))).toBeLessThanOrEqual(1e-5);
    compiled.model.dispose();
  });
});
