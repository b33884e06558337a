/**
 * Generation from a trained model through the `feedback` its graph declares:
 * `generate(compiled, options)` steps the model (stateful, one cell step per
 * step), slides a window (many-to-one forecasts) or runs it once (no feedback);
 * `presentGenerated` turns the result into strokes, text or values.
 */
export * from './types';
export * from './generate';
export * from './conditions';
export * from './present';
export * from './strokes';
export * from './mdn-sample';
export * from './token-sample';
export * from './head-sample';
export * from './random';
export * from './step-model';
export * from './replay';
