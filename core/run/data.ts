import { epochOrder, splitDataset } from '../data/split';
import type { Dataset, FieldBatch, FieldInfo, Vocab } from '../data/types';
import { decode, encode } from '../data/vocab';
import type { Graph } from '../graph/schema';
import { resolveTrainOptions } from '../train/options';
import { RunError } from './errors';

/** The vocabulary of the field bound to each input and Output node, where the field has one. */
export function vocabsOf(graph: Graph, dataset: Dataset | null): Record<string, Vocab | undefined> {
  const out: Record<string, Vocab | undefined> = {};
  // Names come from the file: own properties only, so a field named "constructor" is no field.
  for (const [nodeId, field] of Object.entries(graph.training?.bindings ?? {})) out[nodeId] = dataset && Object.hasOwn(dataset.fields, field) ? dataset.fields[field].vocab : undefined;
  return out;
}

/** The dataset field bound to each input and Output node, where there is one. */
export function fieldsOf(graph: Graph, dataset: Dataset | null): Record<string, FieldInfo | undefined> {
  const out: Record<string, FieldInfo | undefined> = {};
  for (const [nodeId, field] of Object.entries(graph.training?.bindings ?? {})) out[nodeId] = dataset && Object.hasOwn(dataset.fields, field) ? dataset.fields[field] : undefined;
  return out;
}

/** Samples to show a run's work on, and which split they come from. */
export interface HeldOut {
  indices: number[];
  split: 'validation' | 'training';
}

/**
 * `n` samples of the split the run validated on (the same seed and
 * validationSplit as its training), so what a user checks the model on is
 * what it did not train on; its training split only when it kept none. The
 * first ones without a seed, a seeded draw with one; a split smaller than
 * `n` is used more than once.
 */
export function heldOutSamples(graph: Graph, dataset: Dataset, n: number, seed?: number): HeldOut {
  const options = resolveTrainOptions(graph.training);
  const split = splitDataset(dataset, options.validationSplit, options.seed);
  const validation = split.validation.length > 0;
  const pool = validation ? split.validation : split.train;
  const order = seed === undefined ? pool : epochOrder(pool, seed, 0);
  const indices = order.length ? Array.from({ length: n }, (_, i) => order[i % order.length]) : [];
  return { indices, split: validation ? 'validation' : 'training' };
}

/** The examples at `indices` of the field bound to a node, as nested arrays (one per example). */
export function examplesAt(graph: Graph, dataset: Dataset, nodeId: string, indices: number[]): unknown[] | null {
  const bindings = graph.training?.bindings ?? {};
  const field = Object.hasOwn(bindings, nodeId) ? bindings[nodeId] : undefined;
  if (!field || !Object.hasOwn(dataset.fields, field) || indices.length === 0) return null;
  return toNested(dataset.batch(indices, [field])[field]);
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

/**
 * Text given for a token input, as ids of its vocabulary; unknown characters
 * named. Laid out as the field's samples are: padded to the field's length
 * when it has one, and turned backwards when the field holds its text
 * reversed, so "12+345" typed reaches the model as the dataset's questions did.
 */
export function encodeText(nodeId: string, text: string, vocab: Vocab | undefined, field?: Pick<FieldInfo, 'shape' | 'reversed'>): number[] {
  if (!vocab) throw new RunError('bad-input', `input "${nodeId}" was given text, but the run's dataset has no vocabulary for it; give ids as an array`);
  const ids = encode(vocab, text);
  const bad = [...text].filter((_, i) => ids[i] === null);
  if (bad.length) throw new RunError('bad-input', `input "${nodeId}": ${JSON.stringify(bad.join(''))} is not in the vocabulary (${vocab.tokens.filter((t) => !t.startsWith('<')).join('')})`);
  const out = ids as number[];
  const length = field?.shape[0];
  if (typeof length === 'number' && vocab.specials.pad !== undefined && out.length < length) out.push(...new Array<number>(length - out.length).fill(vocab.specials.pad));
  return field?.reversed ? out.reverse() : out;
}

/** Ids of a field's sample as text a person reads: turned back when the field holds its text reversed. */
export function decodeText(vocab: Vocab, ids: ArrayLike<number>, field?: Pick<FieldInfo, 'reversed'>): string {
  return decode(vocab, field?.reversed ? Array.from(ids).reverse() : ids);
}
