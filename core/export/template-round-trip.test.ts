import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import type { CompiledModel } from '../compile/types';
import { parseGraphText } from '../graph/load';
import { loadRun } from '../run/load';
import { modelFromFiles, modelToFiles } from './tfjs-files';
import { largestDifference } from '../nodes/node-test-kit';

const TEMPLATES = join(__dirname, '../../assets/templates');
const templates = readdirSync(TEMPLATES).filter((f) => f.endsWith('.seqwire.json'));

function readTemplate(file: string) {
  const loaded = parseGraphText(readFileSync(join(TEMPLATES, file), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.graph;
}

/** Two examples for every model input: ids below the vocabulary, floats otherwise; 5 steps where the length is free. */
function sampleInputs(compiled: CompiledModel): tf.Tensor[] {
  return compiled.inputs.map((input, k) => {
    const shape = [2, ...input.type.shape.map((d) => d ?? 5)];
    // Every template's vocabularies hold at least 10 ids.
    if (input.type.dtype === 'int32') return tf.randomUniform(shape, 0, 10, 'int32', 10 + k);
    return tf.randomNormal(shape, 0, 1, 'float32', 20 + k);
  });
}

describe('every template survives a save and reload', () => {
  it('has templates to test', () => expect(templates.length).toBeGreaterThanOrEqual(6));

  for (const file of templates) {
    it(`${file}: model.json + weights.bin reload with plain tfjs and from the graph give identical predictions`, async () => {
      const graph = readTemplate(file);
      const compiled = compileGraph(graph);
      const xs = sampleInputs(compiled);
      const files = await modelToFiles(compiled.model);
      const plain = await modelFromFiles(files);
      expect(await largestDifference(compiled.model, plain, xs)).toBeLessThanOrEqual(1e-6);
      // The saved text is plain JSON that loads again.
      const reparsed = await modelFromFiles({ modelJson: JSON.parse(JSON.stringify(files.modelJson)), weightData: files.weightData.slice() });
      expect(await largestDifference(compiled.model, reparsed, xs)).toBeLessThanOrEqual(1e-6);
      const rebuilt = loadRun({ graph, model: files });
      expect(await largestDifference(compiled.model, rebuilt.model, xs)).toBeLessThanOrEqual(1e-6);
      // A freshly initialised model differs, so the comparison can fail.
      expect(await largestDifference(compiled.model, compileGraph(graph).model, xs)).toBeGreaterThan(1e-6);
      tf.dispose(xs);
    });
  }
});
