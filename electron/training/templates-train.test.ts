import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../core/data/load';
import { parseGraphText } from '../../core/graph/load';
import type { EpochEvent } from '../../core/train/events';
import { resolveTrainOptions } from '../../core/train/options';
import { compileSeeded } from '../../core/train/train-graph';
import { Trainer } from '../../core/train/trainer';
import { selectBackend } from '../backend/select';
import { nodeDataHost } from '../data/node-data-host';

const dir = join(__dirname, '../../assets/templates');
// The exploding-gradients template is shipped so that it does not learn (its point); lecture-templates.test.ts checks what it does instead.
const files = readdirSync(dir).filter((f) => f.endsWith('.seqwire.json') && f !== 'exploding-gradients.seqwire.json');

/**
 * Every template learns: on tiny data (48 samples of its own built-in
 * dataset) and a few epochs, the training loss falls. The learning rate is
 * raised so that a dozen steps are enough to show it; the models are the
 * templates' own.
 */
describe('every template trains', () => {
  it.each(files)('%s: the loss falls on tiny data', async (file) => {
    await selectBackend('wasm');
    const loaded = parseGraphText(readFileSync(join(dir, file), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    const { graph } = loaded;
    const training = graph.training!;
    // Tiny: 48 samples, and stroke drawings cut to 24 steps (the stroke template is the slowest by far).
    const tiny = 'builtin' in training.dataset! && training.dataset.builtin === 'hershey-strokes' ? { count: 48, maxLength: 24 } : { count: 48 };
    const ref = { ...training.dataset!, options: { ...training.dataset!.options, ...tiny } };
    const data = await loadDataset(ref, nodeDataHost(dir));
    if (!data.ok) throw new Error(data.issue.message);
    const options = resolveTrainOptions(training, { epochs: 4, batchSize: 16, validationSplit: 0, gradientFlow: false, optimizer: { type: 'adam', learningRate: 0.01 } });
    const compiled = compileSeeded(graph, options.seed);
    const epochs: EpochEvent[] = [];
    const end = await new Trainer({ compiled, dataset: data.dataset, bindings: training.bindings!, options }, { onEvent: (e) => e.type === 'epoch' && void epochs.push(e) }).run();
    compiled.model.dispose();
    expect(end.type === 'error' ? end.message : end.type).toBe('done');
    expect(epochs.at(-1)!.loss).toBeLessThan(epochs[0].loss);
  });
});
