import { PREVIEW_LIMITS, type PreviewInput, type PreviewOutput, type PreviewSamples } from '../api/preview';
import type { NestedNumbers } from '../api/schemas';
import { epochOrder, splitDataset } from '../data/split';
import type { FieldBatch, Vocab } from '../data/types';
import { bindFields, boundFieldNames } from '../train/bindings';
import { resolveTrainOptions } from '../train/options';
import { toNested } from './data';
import { RunError } from './errors';
import type { LoadedRun } from './load';
import { predictFromRun } from './predict';

/** Which samples to show: how many, and a seed to draw others than the first ones. */
export interface PreviewOptions {
  count: number;
  seed?: number;
}

/**
 * Real samples with the model's predictions, for the window's per-step strip
 * and forecast plot. The samples come from the split the run validated on
 * (the same seed and validationSplit as its training), so what the user sees
 * is what the model was not trained on.
 */

/** A field's values for a batch, as the dataset or the model gives them: row-major, batch first. */
interface Flat {
  shape: number[];
  data: ArrayLike<number>;
}

/** Values per sample as nested arrays, with the steps cut to the limits; null values when a sample is too big even so. */
export function perSample(flat: Flat): { shape: number[]; fullShape: number[]; values: NestedNumbers[] | null } {
  const [n, ...rest] = flat.shape;
  const per = rest.reduce((a, b) => a * b, 1);
  if (!rest.length) return { shape: rest, fullShape: rest, values: toNested(flat) as NestedNumbers[] };
  const inner = per / Math.max(1, rest[0]);
  const steps = Math.min(rest[0], PREVIEW_LIMITS.steps, Math.floor(PREVIEW_LIMITS.values / Math.max(1, inner)));
  if (steps === 0 && rest[0] > 0) return { shape: rest, fullShape: rest, values: null };
  const shape = [steps, ...rest.slice(1)];
  if (steps === rest[0]) return { shape, fullShape: rest, values: toNested(flat) as NestedNumbers[] };
  // Cutting only the first dimension keeps each sample's kept values contiguous from its start.
  const kept = steps * inner;
  const data = new Float64Array(n * kept);
  for (let i = 0; i < n; i++) for (let j = 0; j < kept; j++) data[i * kept + j] = flat.data[i * per + j];
  return { shape, fullShape: rest, values: toNested({ shape: [n, ...shape], data }) as NestedNumbers[] };
}

/** The argmax and its value over the last axis: class ids and the probability of each. */
export function argmaxLast(flat: Flat): { ids: Flat; confidence: Flat } {
  const classes = flat.shape.at(-1) ?? 1;
  const rows = flat.data.length / classes;
  const ids = new Int32Array(rows);
  const confidence = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (flat.data[r * classes + c] > flat.data[r * classes + best]) best = c;
    ids[r] = best;
    confidence[r] = flat.data[r * classes + best];
  }
  const shape = flat.shape.slice(0, -1);
  return { ids: { shape, data: ids }, confidence: { shape, data: confidence } };
}

/** Nested arrays (as predict gives them) back to row-major numbers. */
function flatten(value: unknown): Flat {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const data = (value as unknown[]).flat(Infinity) as number[];
  return { shape, data };
}

function tokens(vocab: Vocab | undefined): string[] | null {
  return vocab ? vocab.tokens.slice(0, PREVIEW_LIMITS.vocab) : null;
}

/** Samples of the run's validation split (its training split when it kept none), with the model's predictions. */
export async function previewFromRun(run: LoadedRun, options: PreviewOptions): Promise<PreviewSamples> {
  const { compiled, graph } = run;
  const { dataset, note } = await run.data();
  if (!dataset) throw new RunError('bad-input', `cannot show samples of this run: ${note}`);
  const bind = bindFields(compiled, dataset, graph.training?.bindings ?? {});
  if (!bind.ok) throw new RunError('bad-input', `cannot show samples of this run: ${bind.message}`);
  const { bound } = bind;
  const trainOptions = resolveTrainOptions(graph.training);
  const split = splitDataset(dataset, trainOptions.validationSplit, trainOptions.seed);
  const validation = split.validation.length > 0;
  const pool = validation ? split.validation : split.train;
  const notes: string[] = [];
  if (!validation) notes.push('the run kept no validation samples (validationSplit 0): these are training samples, which the model has seen');
  if (pool.length === 0) return { split: validation ? 'validation' : 'training', splitSize: 0, indices: [], inputs: [], outputs: [], notes: [...notes, 'the dataset has no samples'] };
  const count = Math.min(options.count, PREVIEW_LIMITS.samples, pool.length);
  const chosen = Array.from((options.seed === undefined ? pool : epochOrder(pool, options.seed, 0)).subarray(0, count));
  const batch = dataset.batch(chosen, boundFieldNames(bound));

  const given: Record<string, NestedNumbers[]> = {};
  const inputs: PreviewInput[] = compiled.inputs.map((input, k) => {
    const field = bound.inputs[k];
    const fb: FieldBatch = batch[field];
    given[input.nodeId] = toNested(fb) as NestedNumbers[];
    const shown = perSample(fb);
    if (shown.values === null) notes.push(`input "${input.nodeId}": samples of ${shown.fullShape.join('×')} values are too large to show`);
    else if (shown.shape[0] !== shown.fullShape[0]) notes.push(`input "${input.nodeId}": the first ${shown.shape[0]} of ${shown.fullShape[0]} steps are shown`);
    return { nodeId: input.nodeId, field, dtype: fb.dtype, shape: shown.shape, fullShape: shown.fullShape, vocab: tokens(dataset.fields[field].vocab), values: shown.values };
  });
  const predicted = await predictFromRun(run, given);

  const cutNote = (id: string, shown: { shape: number[]; fullShape: number[] }) => {
    if (shown.shape.length && shown.shape[0] !== shown.fullShape[0]) notes.push(`Output "${id}": the first ${shown.shape[0]} of ${shown.fullShape[0]} steps are shown`);
  };
  const outputs: PreviewOutput[] = compiled.outputs.map((output, k) => {
    const field = bound.targets[k];
    const fb = batch[field];
    const base = { nodeId: output.nodeId, field, head: output.head };
    if (output.head === 'mdn') {
      notes.push(`Output "${output.nodeId}" gives mixture parameters, not a value per step: use Generate to see what it draws`);
      const truth = perSample(fb);
      return { ...base, kind: 'none', shape: truth.shape, fullShape: truth.fullShape, classNames: null, truth: truth.values, prediction: null, confidence: null };
    }
    const prediction = flatten(predicted[output.nodeId]);
    if (output.head === 'softmax') {
      const { ids, confidence } = argmaxLast(prediction);
      const truth = perSample(bound.sparse[k] ? fb : argmaxLast(fb).ids);
      const vocab = dataset.fields[field].vocab;
      cutNote(output.nodeId, truth);
      return {
        ...base, kind: 'classes', shape: truth.shape, fullShape: truth.fullShape, classNames: tokens(vocab),
        truth: truth.values, prediction: perSample(ids).values, confidence: perSample(confidence).values,
      };
    }
    const truth = perSample(fb);
    if (truth.values === null) notes.push(`Output "${output.nodeId}": samples of ${truth.fullShape.join('×')} values are too large to show`);
    else cutNote(output.nodeId, truth);
    return { ...base, kind: 'values', shape: truth.shape, fullShape: truth.fullShape, classNames: null, truth: truth.values, prediction: perSample(prediction).values, confidence: null };
  });

  return { split: validation ? 'validation' : 'training', splitSize: pool.length, indices: chosen, inputs, outputs, notes };
}
