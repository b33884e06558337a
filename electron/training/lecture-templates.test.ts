import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../../core/compile/types';
import { loadDataset } from '../../core/data/load';
import { splitDataset } from '../../core/data/split';
import type { Dataset } from '../../core/data/types';
import { generate } from '../../core/generate/generate';
import { strokesToPolylines } from '../../core/generate/strokes';
import { parseGraphText } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import type { EpochEvent } from '../../core/train/events';
import { firstLastRatio } from '../../core/train/gradient-flow';
import { resolveTrainOptions, type TrainOptions } from '../../core/train/options';
import { compileSeeded } from '../../core/train/train-graph';
import { Trainer } from '../../core/train/trainer';
import { selectBackend } from '../backend/select';
import { nodeDataHost } from '../data/node-data-host';

const dir = join(__dirname, '../../assets/templates');

function template(file: string): Graph {
  const loaded = parseGraphText(readFileSync(join(dir, file), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  return loaded.graph;
}

/** Trains a template on its own data with its own settings (a few overridden), as a student would, with its fixed seed. */
async function train(graph: Graph, overrides: Partial<TrainOptions>, use?: (compiled: CompiledModel, dataset: Dataset, options: TrainOptions) => Promise<void>) {
  await selectBackend('wasm');
  const training = graph.training!;
  const data = await loadDataset(training.dataset!, nodeDataHost(dir));
  if (!data.ok) throw new Error(data.issue.message);
  const options = resolveTrainOptions(training, overrides);
  const compiled = compileSeeded(graph, options.seed);
  const epochs: EpochEvent[] = [];
  try {
    const end = await new Trainer(
      { compiled, dataset: data.dataset, bindings: training.bindings!, options, nodeIds: graph.nodes.map((n) => n.id) },
      { onEvent: (e) => e.type === 'epoch' && void epochs.push(e) },
    ).run();
    await use?.(compiled, data.dataset, options);
    return { end, epochs };
  } finally {
    compiled.model.dispose();
  }
}

/** The mixture NLL of the validation drawings when the model is told each is the digit `shift` places further on. */
function nllToldShifted(compiled: CompiledModel, dataset: Dataset, indices: Int32Array, shift: number): number {
  const b = dataset.batch(indices, ['labelIn', 'strokesIn', 'strokesOut']);
  return tf.tidy(() => {
    const told = tf.tensor(Array.from(b.labelIn.data, (id) => (id + shift) % 10), b.labelIn.shape, 'int32');
    const out = compiled.model.predict([told, tf.tensor(b.strokesIn.data, b.strokesIn.shape)]) as tf.Tensor;
    return compiled.outputs[0].loss(tf.tensor(b.strokesOut.data, b.strokesOut.shape), out).dataSync()[0];
  });
}

/**
 * The lecture's claims, checked on the templates as shipped (fixed seeds,
 * WebAssembly backend): what vanishes, what survives, what explodes.
 */
describe('the lecture, on its templates', () => {
  it('gradient-flow: at init the SimpleRNN keeps < 1e-6 of its gradient back to step 0, the LSTM > 1e-2; after 2 epochs only the LSTM has learned', async () => {
    const { end, epochs } = await train(template('gradient-flow.seqwire.json'), { epochs: 2 });
    expect(end.type).toBe('done');
    const init = Object.fromEntries(epochs[0].initialGradientFlow!.map((f) => [f.nodeId, firstLastRatio(f)]));
    expect(init.vanilla).toBeLessThan(1e-6);
    expect(init.lstm).toBeGreaterThan(1e-2);
    // Recall of a value uniform in [-1, 1]: guessing 0 gives an MSE of 1/3.
    const val = epochs.at(-1)!.valLosses!;
    expect(val.vanillaRecall).toBeGreaterThan(0.3);
    expect(val.lstmRecall).toBeLessThan(0.2);
    // One flow per recurrent layer at every epoch, over all 100 steps.
    for (const e of epochs) expect(e.gradientFlow.map((f) => [f.nodeId, f.norms.length])).toEqual([['vanilla', 100], ['lstm', 100]]);
  }, 600_000);

  it('exploding-gradients: with SGD the loss diverges within 2 epochs; with clipNorm 1 per layer the run survives with every step cut to 1', async () => {
    const graph = template('exploding-gradients.seqwire.json');
    const blown = await train(graph, { epochs: 2 });
    expect(blown.end.type).toBe('error');
    expect(blown.end.type === 'error' && blown.end.message).toMatch(/infinite|NaN|diverged/);
    const clipped = await train(graph, { epochs: 2, clipNorm: 1, clipPer: 'layer' });
    expect(clipped.end.type).toBe('done');
    const last = clipped.epochs.at(-1)!;
    expect(Number.isFinite(last.loss)).toBe(true);
    expect(last.gradNorm.before).toBeGreaterThan(100);
    // Two layers (the RNN and the head), each cut to 1: at most √2 after.
    expect(last.gradNorm.after).toBeLessThanOrEqual(Math.SQRT2 + 1e-6);
    // The gradient grows going back in time.
    expect(firstLastRatio(clipped.epochs[0].initialGradientFlow![0])).toBeGreaterThan(1e3);
  }, 600_000);

  it('class-conditional strokes: after 40 batches the digit asked for changes the drawing: told the wrong digit the model finds the true strokes less likely, a "1" is drawn shorter than an "8", and no drawing is empty', async () => {
    const graph = template('class-conditional-strokes.seqwire.json');
    // Briefly: 640 drawings of at most 36 steps (every Hershey digit fits), 2 epochs, the template's own optimizer.
    graph.training!.dataset = { builtin: 'hershey-strokes', options: { glyphs: '0123456789', count: 640, maxLength: 36 } };
    const { end } = await train(graph, { epochs: 2, gradientFlow: false }, async (compiled, dataset, options) => {
      expect(compiled.inputs.map((i) => i.nodeId)).toEqual(['digit', 'strokes']);
      const validation = splitDataset(dataset, options.validationSplit, options.seed).validation;
      const told = nllToldShifted(compiled, dataset, validation, 0);
      for (const shift of [1, 3, 5]) expect(nllToldShifted(compiled, dataset, validation, shift)).toBeGreaterThan(told + 0.1);
      const lengths: Record<number, number> = {};
      for (const digit of [1, 8]) {
        const r = await generate(compiled, { n: 8, temperature: 0.3, seed: 1, conditions: { digit: [digit] }, maxSteps: 64 });
        const drawings = r.sequences[0].samples;
        for (const d of drawings) expect(strokesToPolylines(d as number[][]).flat().length).toBeGreaterThanOrEqual(2);
        lengths[digit] = drawings.reduce((a, d) => a + d.length, 0) / drawings.length;
      }
      // Hershey's "1" is 5 points, its "8" about 30.
      expect(lengths[1]).toBeLessThan(0.6 * lengths[8]);
    });
    expect(end.type).toBe('done');
  }, 600_000);
});
