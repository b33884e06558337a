import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { loadDataset } from '../data/load';
import { parseGraphText } from '../graph/load';
import { ProbeError } from './probe';
import { probeRunSample } from './sample';

const TEMPLATES = join(__dirname, '../../assets/templates');

function template(file: string) {
  const loaded = parseGraphText(readFileSync(join(TEMPLATES, file), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.graph;
}

const req = createRequire(import.meta.url);
const packages = { openText: () => { throw new Error('no files in this test'); }, importJson: async (s: string) => JSON.parse(readFileSync(req.resolve(s), 'utf8')) as unknown };

const noFiles = { openText: () => { throw new Error('no files in this test'); }, importJson: async () => { throw new Error('no packages in this test'); } };

describe('probeRunSample', () => {
  it('probes a validation sample of the seq2seq template: the question as tokens, the encoder traced at every step of it', async () => {
    const graph = template('seq2seq.seqwire.json');
    graph.training!.dataset = { builtin: 'addition', options: { digits: 2, count: 200, reverse: true } };
    const loaded = await loadDataset(graph.training!.dataset, noFiles);
    if (!loaded.ok) throw new Error(loaded.issue.message);
    const compiled = compileGraph(graph);
    const result = probeRunSample(compiled, graph, loaded.dataset, 3, { nodes: ['encoder'] });
    expect(result.split).toBe('validation');
    expect(result.sample).toBe(3);
    const question = result.inputs.find((i) => i.nodeId === 'question')!;
    expect(question.tokens).not.toBeNull();
    expect(question.tokens!.join('')).toMatch(/\+/);
    const [encoder] = result.cells;
    expect(encoder.nodeId).toBe('encoder');
    expect(encoder.steps).toBe(question.shape[0]);
    expect(encoder.h[encoder.steps - 1]).toHaveLength(128);
    // The encoder's traced last state is the state it hands the decoder.
    const h = result.wires.find((w) => w.wire === 'encoder.h')!;
    expect(Math.max(...h.values.map((v, j) => Math.abs(v - encoder.h[encoder.steps - 1][j])))).toBeLessThan(1e-5);
    compiled.model.dispose();
  });

  it('says which samples exist when asked for one past the end of the split', async () => {
    const graph = template('seq2seq.seqwire.json');
    graph.training!.dataset = { builtin: 'addition', options: { digits: 2, count: 100, reverse: true } };
    const loaded = await loadDataset(graph.training!.dataset, noFiles);
    if (!loaded.ok) throw new Error(loaded.issue.message);
    const compiled = compileGraph(graph);
    expect(() => probeRunSample(compiled, graph, loaded.dataset, 10_000)).toThrow(ProbeError);
    expect(() => probeRunSample(compiled, graph, loaded.dataset, 10_000)).toThrow(/samples 0 to \d+/);
    compiled.model.dispose();
  });

  it('probes a sample of every template whose dataset is made without files, every traced cell as long as its input', async () => {
    for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.seqwire.json'))) {
      const graph = template(file);
      const ref = graph.training?.dataset;
      if (!ref || !('builtin' in ref) || ref.builtin === 'hershey-strokes' || ref.builtin === 'mnist-rows' || ref.builtin === 'mnist-translated') continue;
      const loaded = await loadDataset(ref, noFiles);
      if (!loaded.ok) throw new Error(`${file}: ${loaded.issue.message}`);
      const compiled = compileGraph(graph);
      const before = tf.memory().numTensors;
      const result = probeRunSample(compiled, graph, loaded.dataset, 0);
      expect(tf.memory().numTensors, `${file} leaks no tensors`).toBe(before);
      for (const cell of result.cells) expect(cell.h, `${file}: ${cell.layer}`).toHaveLength(cell.steps);
      compiled.model.dispose();
    }
  });

  it('probes a validation digit of the glimpses template: its label as the target, where each glimpse looked, the softmax after each', async () => {
    const graph = template('glimpses.seqwire.json');
    graph.training!.dataset = { builtin: 'mnist-translated', options: { count: 40, canvas: 40 } };
    const loaded = await loadDataset(graph.training!.dataset, packages);
    if (!loaded.ok) throw new Error(loaded.issue.message);
    const compiled = compileGraph(graph);
    const before = tf.memory().numTensors;
    const result = probeRunSample(compiled, graph, loaded.dataset, 2);
    expect(tf.memory().numTensors, 'the probe leaks no tensors').toBe(before);
    const [truth] = result.targets;
    expect(truth).toMatchObject({ nodeId: 'digit', field: 'label', shape: [] });
    const label = loaded.dataset.batch([result.datasetIndex], ['label']).label.data[0];
    expect(truth.values).toEqual([label]);
    const [g] = result.glimpses;
    expect(g.image.shape).toEqual([40, 40, 1]);
    expect(g.image.values).toEqual(result.inputs[0].values);
    expect(g.boxes).toHaveLength(4);
    expect(g.heads[0].perStep.map((row) => row.length)).toEqual([10, 10, 10, 10]);
    compiled.model.dispose();
  });
});
