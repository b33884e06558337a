import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../core/data/load';
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
async function train(graph: Graph, overrides: Partial<TrainOptions>) {
  await selectBackend('wasm');
  const training = graph.training!;
  const data = await loadDataset(training.dataset!, nodeDataHost(dir));
  if (!data.ok) throw new Error(data.issue.message);
  const options = resolveTrainOptions(training, overrides);
  const compiled = compileSeeded(graph, options.seed);
  const epochs: EpochEvent[] = [];
  const end = await new Trainer(
    { compiled, dataset: data.dataset, bindings: training.bindings!, options, nodeIds: graph.nodes.map((n) => n.id) },
    { onEvent: (e) => e.type === 'epoch' && void epochs.push(e) },
  ).run();
  compiled.model.dispose();
  return { end, epochs };
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
});
