import { z } from 'zod';
import { HEADS } from '../compile/types';
import { zNestedNumbers, zRunRef } from './schemas';

/**
 * `previewSamples`: a few real samples of a run's validation split with what
 * the trained model predicts for them, so the window can show per-step
 * predictions against the truth, or a forecast against what came next.
 * Every list is capped here, so one answer stays a few hundred kilobytes
 * whatever the dataset.
 */
export const PREVIEW_LIMITS = {
  /** Samples per answer. */
  samples: 16,
  /** Steps (first dimension) kept of one sample's values; the rest is cut. */
  steps: 512,
  /** Numbers of one sample's field after the cut; a bigger field is sent without values. */
  values: 4096,
  /** Tokens of a vocabulary sent for showing ids as text. */
  vocab: 2048,
} as const;

/** One input of the model for the samples shown: the field bound to it and its values. */
export const zPreviewInput = z.object({
  nodeId: z.string(),
  field: z.string(),
  dtype: z.enum(['float32', 'int32']),
  /** Shape of one sample as sent (after cutting steps). */
  shape: z.array(z.number().int().min(0)),
  /** The dataset's shape of one sample, before any cut. */
  fullShape: z.array(z.number().int().min(0)),
  /** `vocab[id]` is the token of id, for id fields. */
  vocab: z.array(z.string()).max(PREVIEW_LIMITS.vocab).nullable(),
  /** One entry per sample; null when a sample is too large to send. */
  values: z.array(zNestedNumbers).max(PREVIEW_LIMITS.samples).nullable(),
});
export type PreviewInput = z.infer<typeof zPreviewInput>;

/**
 * One Output of the model. `classes`: a softmax head, where truth and
 * prediction are class ids (the argmax of one-hot targets and of the
 * predicted distribution) and `confidence` the probability of the predicted
 * class. `values`: linear and sigmoid heads, truth and prediction in the
 * field's shape. `none`: an mdn head, whose mixture parameters are no
 * picture of a prediction (use generate).
 */
export const zPreviewOutput = z.object({
  nodeId: z.string(),
  field: z.string(),
  head: z.enum(HEADS),
  kind: z.enum(['classes', 'values', 'none']),
  /** Shape of one sample's truth as sent: `[T]` or `[]` for class ids, the field's shape for values. */
  shape: z.array(z.number().int().min(0)),
  fullShape: z.array(z.number().int().min(0)),
  /** Names of the classes (the target field's vocabulary), for `classes`; null when the field has none. */
  classNames: z.array(z.string()).max(PREVIEW_LIMITS.vocab).nullable(),
  truth: z.array(zNestedNumbers).max(PREVIEW_LIMITS.samples).nullable(),
  prediction: z.array(zNestedNumbers).max(PREVIEW_LIMITS.samples).nullable(),
  confidence: z.array(zNestedNumbers).max(PREVIEW_LIMITS.samples).nullable(),
});
export type PreviewOutput = z.infer<typeof zPreviewOutput>;

export const zPreviewSamplesPayload = z.strictObject({
  run: zRunRef,
  count: z.number().int().min(1).max(PREVIEW_LIMITS.samples).default(4),
  /** Which samples: the first ones of the split without a seed, a seeded draw with one. */
  seed: z.number().int().optional(),
});

export const zPreviewSamplesResult = z.object({
  /** The split the samples come from: training only when the run kept no validation samples. */
  split: z.enum(['validation', 'training']),
  /** Samples in that split, of which `indices.length` are shown. */
  splitSize: z.number().int().min(0),
  /** The samples' indices in the dataset. */
  indices: z.array(z.number().int().min(0)).max(PREVIEW_LIMITS.samples),
  inputs: z.array(zPreviewInput),
  outputs: z.array(zPreviewOutput),
  /** What was cut or left out, for the user. */
  notes: z.array(z.string()),
});
export type PreviewSamples = z.infer<typeof zPreviewSamplesResult>;
