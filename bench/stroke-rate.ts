import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../core/data/load';
import { parseGraphText } from '../core/graph/load';
import { nodeDataHost } from '../electron/data/node-data-host';
import { loopEpochRates } from './train-rate';

const TEMPLATES = join(import.meta.dirname, '../assets/templates');
/** Drawings per epoch: four batches of the template's 32, enough for a steady rate and short enough for the bench. */
const COUNT = 128;

/** Samples per second of training the stroke template on its own dataset (cut to COUNT drawings), per epoch after a warm-up one. */
export async function strokeRates(epochs: number): Promise<{ rates: number[]; model: string }> {
  const loaded = parseGraphText(readFileSync(join(TEMPLATES, 'stroke-generation.seqwire.json'), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  const { graph } = loaded;
  const ref = graph.training!.dataset!;
  const data = await loadDataset({ ...ref, options: { ...ref.options, count: COUNT } }, nodeDataHost(TEMPLATES));
  if (!data.ok) throw new Error(data.issue.message);
  const stack = graph.nodes.find((n) => n.type === 'Stack')?.params ?? {};
  const steps = data.dataset.fields.strokesIn?.shape[0];
  const model = `${String(stack.layers)} × ${String(stack.cell)} ${String(stack.units)}, mdn, ${String(steps)} steps, batch ${graph.training!.batchSize}, ${COUNT} drawings`;
  return { rates: await loopEpochRates(graph, data.dataset, epochs), model };
}
