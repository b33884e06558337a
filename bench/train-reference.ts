import * as tf from '@tensorflow/tfjs';
import { makeGraph } from '../core/compile/fixture';
import { categoricalCrossEntropy } from '../core/compile/losses';
import { customLayers } from '../core/nodes/custom-layers';
import { createRng } from '../core/random';
import type { Dataset } from '../core/data/types';
import type { Graph } from '../core/graph/schema';
import { memoryDataset } from '../core/train/memory-dataset';

/** The benchmark's reference model: 2-layer LSTM of 64 units over 20 steps of 8 features, 4 classes, adam, batch 32. */
export const REF = { steps: 20, features: 8, units: 64, classes: 4, batchSize: 32 } as const;

export function referenceGraph(): Graph {
  const g = makeGraph(
    {
      x: ['SequenceInput', { timesteps: REF.steps, features: REF.features }],
      stack: ['Stack', { cell: 'LSTM', layers: 2, units: REF.units }],
      y: ['Output', { head: 'softmax', units: REF.classes }],
    },
    ['x.out -> stack.in', 'stack.out -> y.in'],
    'reference',
  );
  g.training = { bindings: { x: 'x', y: 'y' }, optimizer: { type: 'adam', learningRate: 0.001 }, batchSize: REF.batchSize };
  return g;
}

/** Random sequences with one-hot labels: both sides of the comparison read the same arrays. */
export function referenceData(samples: number): { dataset: Dataset; x: Float32Array; y: Float32Array } {
  const rng = createRng(5);
  const x = Float32Array.from({ length: samples * REF.steps * REF.features }, () => rng.normal());
  const y = new Float32Array(samples * REF.classes);
  for (let i = 0; i < samples; i++) y[i * REF.classes + rng.int(REF.classes)] = 1;
  const dataset = memoryDataset('reference', {
    x: { shape: [samples, REF.steps, REF.features], dtype: 'float32', data: x },
    y: { shape: [samples, REF.classes], dtype: 'float32', data: y },
  });
  return { dataset, x, y };
}

/** The same model written by hand with tf.layers, compiled for `model.fit` with the same loss as the graph's Output. */
export function handWrittenModel(): tf.LayersModel {
  // The same fixes and fast orthogonal initializer as a compiled graph gets.
  customLayers();
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: REF.units, returnSequences: true, inputShape: [REF.steps, REF.features], recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.lstm({ units: REF.units, recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: REF.classes, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: categoricalCrossEntropy });
  return model;
}

/**
 * A shipped template (assets/templates/NAME.seqwire.json) with its own
 * dataset, cut to `limit` rows (or batches of the template's batch size) so
 * that an epoch stays short; no validation split.
 */
export async function templateWithData(name: string, limit: { samples: number } | { batches: number }): Promise<{ graph: Graph; dataset: Dataset }> {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { parseGraphText } = await import('../core/graph/load');
  const { loadDataset } = await import('../core/data/load');
  const { nodeDataHost } = await import('../electron/data/node-data-host');
  const dir = join(import.meta.dirname, '../assets/templates');
  const loaded = parseGraphText(readFileSync(join(dir, `${name}.seqwire.json`), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  const graph = loaded.graph;
  const data = await loadDataset(graph.training!.dataset!, nodeDataHost(dir));
  if (!data.ok) throw new Error(data.issue.message);
  graph.training = { ...graph.training, validationSplit: 0, clipNorm: graph.training?.clipNorm ?? 0 };
  const full = data.dataset;
  const samples = 'samples' in limit ? limit.samples : limit.batches * (graph.training.batchSize ?? 32);
  return { graph, dataset: { ...full, size: Math.min(full.size, samples), batch: (indices, only) => full.batch(indices, only) } };
}
