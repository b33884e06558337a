import { z } from 'zod';

/**
 * The events a training run emits. They cross from the worker to the host
 * and from the host to the window, so each has a schema that checks it at
 * every crossing (see core/api).
 */

/** The loss of each Output, by node id. */
export const zOutputLosses = z.record(z.string(), z.number());

/** After every batch. */
export const zBatchEvent = z.object({
  type: z.literal('batch'),
  epoch: z.number().int().min(1),
  batch: z.number().int().min(1),
  batches: z.number().int().min(1),
  /** Sum of the output losses of this batch. */
  loss: z.number(),
  losses: zOutputLosses,
  samplesPerSec: z.number(),
  /** Seconds left for the whole run, from the pace so far. */
  etaSec: z.number(),
});
export type BatchEvent = z.infer<typeof zBatchEvent>;

/** The norm of the loss gradient at each timestep of one recurrent layer's input. */
export const zGradientFlow = z.object({
  nodeId: z.string(),
  layer: z.string(),
  /** One value per timestep, first step first: how much the loss still hears from that step. */
  norms: z.array(z.number()),
});
export type GradientFlow = z.infer<typeof zGradientFlow>;

/** After every epoch. */
export const zEpochEvent = z.object({
  type: z.literal('epoch'),
  epoch: z.number().int().min(1),
  epochs: z.number().int().min(1),
  loss: z.number(),
  /** `null` when the run has no validation split. */
  valLoss: z.number().nullable(),
  losses: zOutputLosses,
  valLosses: zOutputLosses.nullable(),
  /** Accuracy of each softmax Output (on the validation data when there is some, else on training data). */
  accuracy: z.record(z.string(), z.number()),
  elapsedSec: z.number(),
  etaSec: z.number(),
  samplesPerSec: z.number(),
  /** Mean global gradient norm over the epoch's batches, before and after clipping. */
  gradNorm: z.object({ before: z.number(), after: z.number() }),
  gradientFlow: z.array(zGradientFlow),
});
export type EpochEvent = z.infer<typeof zEpochEvent>;

export const zStoppedReason = z.enum(['completed', 'cancelled']);

/** The run ended without an error: every epoch done, or cancelled by the user. */
export const zDoneEvent = z.object({
  type: z.literal('done'),
  reason: zStoppedReason,
  epochs: z.number().int().min(0),
  loss: z.number().nullable(),
  valLoss: z.number().nullable(),
  elapsedSec: z.number(),
  backend: z.string(),
});
export type DoneEvent = z.infer<typeof zDoneEvent>;

/** The run could not go on: a bad binding, a NaN loss, a bug. `message` is for the user. */
export const zErrorEvent = z.object({
  type: z.literal('error'),
  message: z.string(),
  epoch: z.number().int().nullable(),
  batch: z.number().int().nullable(),
  /** `diverged`: the loss grew past its bound (or became NaN's finite cousin); absent for other failures. */
  kind: z.enum(['diverged']).optional(),
});
export type ErrorEvent = z.infer<typeof zErrorEvent>;

export const zTrainEvent = z.discriminatedUnion('type', [zBatchEvent, zEpochEvent, zDoneEvent, zErrorEvent]);
export type TrainEvent = z.infer<typeof zTrainEvent>;

/** The line of `metrics.jsonl` written for each epoch. */
export function metricsLine(e: EpochEvent): string {
  return JSON.stringify({
    epoch: e.epoch,
    loss: e.loss,
    valLoss: e.valLoss,
    metrics: { losses: e.losses, valLosses: e.valLosses, accuracy: e.accuracy, gradNorm: e.gradNorm, samplesPerSec: e.samplesPerSec, elapsedSec: e.elapsedSec },
  });
}
