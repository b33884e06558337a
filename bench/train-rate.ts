import type { Dataset } from '../core/data/types';
import type { Graph } from '../core/graph/schema';
import { resolveTrainOptions } from '../core/train/options';
import { compileSeeded } from '../core/train/train-graph';
import { Trainer } from '../core/train/trainer';

/**
 * Samples per second of Seqwire's loop training `graph` on `dataset`, one
 * figure per epoch after one warm-up epoch. The bare loop, as model.fit runs
 * it: no validation, no gradient-flow probe, no checkpoints; the graph's own
 * optimizer, batch size and clipping.
 */
export async function loopEpochRates(graph: Graph, dataset: Dataset, epochs: number): Promise<number[]> {
  const compiled = compileSeeded(graph, 1);
  const options = resolveTrainOptions(graph.training, { epochs: epochs + 1, gradientFlow: false, validationSplit: 0 });
  const rates: number[] = [];
  try {
    const end = await new Trainer({ compiled, dataset, bindings: graph.training!.bindings!, options }, {
      onEvent: (e) => {
        if (e.type === 'epoch' && e.epoch > 1) rates.push(e.samplesPerSec);
      },
    }).run();
    if (end.type === 'error') throw new Error(end.message);
  } finally {
    compiled.model.dispose();
  }
  return rates;
}
