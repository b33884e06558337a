import type { Dataset, FieldBatch, Vocab } from '../data/types';
import { encode } from '../data/vocab';
import type { Graph } from '../graph/schema';
import { RunError } from './errors';

/** The vocabulary of the field bound to each input and Output node, where the field has one. */
export function vocabsOf(graph: Graph, dataset: Dataset | null): Record<string, Vocab | undefined> {
  const out: Record<string, Vocab | undefined> = {};
  // Names come from the file: own properties only, so a field named "constructor" is no field.
  for (const [nodeId, field] of Object.entries(graph.training?.bindings ?? {})) out[nodeId] = dataset && Object.hasOwn(dataset.fields, field) ? dataset.fields[field].vocab : undefined;
  return out;
}

/** The first `n` examples of the field bound to a node, as nested arrays (one per example). */
export function examplesFor(graph: Graph, dataset: Dataset, nodeId: string, n: number): unknown[] | null {
  const bindings = graph.training?.bindings ?? {};
  const field = Object.hasOwn(bindings, nodeId) ? bindings[nodeId] : undefined;
  if (!field || !Object.hasOwn(dataset.fields, field) || dataset.size === 0) return null;
  const count = Math.min(n, dataset.size);
  const batch = dataset.batch(Array.from({ length: count }, (_, i) => i), [field])[field];
  return toNested(batch);
}

/** A batch as nested arrays, one per example (a field's batch, or any row-major numbers with their shape). */
export function toNested(batch: Pick<FieldBatch, 'shape'> & { data: ArrayLike<number> }): unknown[] {
  const [n, ...rest] = batch.shape;
  const per = rest.reduce((a, b) => a * b, 1);
  const build = (data: ArrayLike<number>, offset: number, dims: number[]): unknown => {
    if (!dims.length) return data[offset];
    const [d, ...more] = dims;
    const stride = more.reduce((a, b) => a * b, 1);
    return Array.from({ length: d }, (_, i) => build(data, offset + i * stride, more));
  };
  return Array.from({ length: n }, (_, i) => build(batch.data, i * per, rest));
}

/** Text given for a token input, as ids of its vocabulary; unknown characters named. */
export function encodeText(nodeId: string, text: string, vocab: Vocab | undefined): number[] {
  if (!vocab) throw new RunError('bad-input', `input "${nodeId}" was given text, but the run's dataset has no vocabulary for it; give ids as an array`);
  const ids = encode(vocab, text);
  const bad = [...text].filter((_, i) => ids[i] === null);
  if (bad.length) throw new RunError('bad-input', `input "${nodeId}": ${JSON.stringify(bad.join(''))} is not in the vocabulary (${vocab.tokens.filter((t) => !t.startsWith('<')).join('')})`);
  return ids as number[];
}
