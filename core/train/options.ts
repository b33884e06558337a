import { z } from 'zod';
import { CLIP_SCOPES, OPTIMIZERS, type Training } from '../graph/schema';

/** Everything the loop needs to know, defaults filled in. */
export const zTrainOptions = z.object({
  optimizer: z.object({ type: z.enum(OPTIMIZERS), learningRate: z.number().positive() }),
  batchSize: z.number().int().min(1),
  epochs: z.number().int().min(1),
  /** 0 turns clipping off. */
  clipNorm: z.number().min(0),
  /** What one clipNorm bounds: the global norm, each Output's own variables, or each layer's (clip.ts). */
  clipPer: z.enum(CLIP_SCOPES),
  validationSplit: z.number().min(0).lt(1),
  seed: z.number().int(),
  /** Reshuffle the training examples at every epoch. */
  shuffle: z.boolean(),
  /** Measure gradient flow through time at each epoch end (one extra backward pass). */
  gradientFlow: z.boolean(),
});
export type TrainOptions = z.infer<typeof zTrainOptions>;

/** The learning rate each optimizer gets when the file names none (Keras's defaults). */
export const DEFAULT_LEARNING_RATES: Record<TrainOptions['optimizer']['type'], number> = {
  adam: 0.001,
  sgd: 0.01,
  rmsprop: 0.001,
  adagrad: 0.01,
};

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  optimizer: { type: 'adam', learningRate: DEFAULT_LEARNING_RATES.adam },
  batchSize: 32,
  epochs: 10,
  clipNorm: 0,
  clipPer: 'all',
  validationSplit: 0,
  seed: 1,
  shuffle: true,
  gradientFlow: true,
};

/** The options of a graph's `training` section, with overrides (from the command line) on top. */
export function resolveTrainOptions(training: Training | undefined, overrides: Partial<TrainOptions> = {}): TrainOptions {
  const t = training ?? {};
  const type = t.optimizer?.type ?? DEFAULT_TRAIN_OPTIONS.optimizer.type;
  return {
    optimizer: { type, learningRate: t.optimizer?.learningRate ?? DEFAULT_LEARNING_RATES[type] },
    batchSize: t.batchSize ?? DEFAULT_TRAIN_OPTIONS.batchSize,
    epochs: t.epochs ?? DEFAULT_TRAIN_OPTIONS.epochs,
    clipNorm: t.clipNorm ?? DEFAULT_TRAIN_OPTIONS.clipNorm,
    clipPer: t.clipPer ?? DEFAULT_TRAIN_OPTIONS.clipPer,
    validationSplit: t.validationSplit ?? DEFAULT_TRAIN_OPTIONS.validationSplit,
    seed: t.seed ?? DEFAULT_TRAIN_OPTIONS.seed,
    shuffle: DEFAULT_TRAIN_OPTIONS.shuffle,
    gradientFlow: DEFAULT_TRAIN_OPTIONS.gradientFlow,
    ...overrides,
  };
}
