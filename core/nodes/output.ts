import * as tf from '@tensorflow/tfjs';
import { HEADS } from '../compile/types';
import { float, int, type TensorType } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needFloats } from './checks';
import { importActivation, oneInput, unwrapTimeDistributed } from './layer-class';
import type { ParamValues } from './params';
import { defineNode, type InferResult } from './spec';

const HEAD_PARAMS = {
  head: { kind: 'choice', options: HEADS, default: 'softmax', help: 'softmax for classes, sigmoid for independent yes/no, linear for numbers, mdn for pen strokes' },
  units: { kind: 'int', min: 1, max: 1000000, nullable: true, default: null, initial: 10, help: 'classes or dimensions (not used by mdn)' },
  mixtures: { kind: 'int', min: 1, max: 100, default: 20, help: 'Gaussians in the mixture (mdn only)' },
} as const;

/** The params of an Output: they decide its shape, loss and sampling. */
export type HeadParams = ParamValues<typeof HEAD_PARAMS>;

/** Per stroke step: for each mixture pi, mu_x, mu_y, log sigma_x, log sigma_y, rho; then 3 pen logits. */
export const mdnWidth = (mixtures: number) => 6 * mixtures + 3;

/** Values the head gives per step (or once, on a vector); `null` when `units` is missing. */
export function headWidth(p: HeadParams): number | null {
  return p.head === 'mdn' ? mdnWidth(p.mixtures) : p.units;
}

/**
 * The type of the model output of an Output node fed `input`, or what is
 * wrong: on a sequence the head applies at every step, on a vector once.
 */
export function inferHead(p: HeadParams, input: TensorType): InferResult {
  const width = headWidth(p);
  if (width === null) {
    return fail({ code: 'missing-param', message: `head ${p.head} needs units (the number of ${p.head === 'softmax' ? 'classes' : 'values'} it gives)` });
  }
  const bad = needFloats('in', input);
  if (bad) return fail(bad);
  if (input.shape.length === 2) return { ok: true, outputs: { out: float(input.shape[0], width) } };
  if (input.shape.length === 1) return { ok: true, outputs: { out: float(width) } };
  return fail(mismatch('in', `expects a vector [F] or a sequence [T, F], found ${describeType(input)}; add a Flatten before it`));
}

/**
 * The type of one sample drawn from an Output while generating, as fed back
 * into the input named by `feedback` at the next step: a softmax gives a class,
 * as an id for a TokenInput or one-hot [units] for float inputs; sigmoid and
 * linear give [units]; mdn gives one stroke-5 step [5] (dx, dy, pen down, pen up, end).
 */
export function feedbackSampleType(p: HeadParams, inputNodeType: string): TensorType {
  switch (p.head) {
    case 'softmax':
      return inputNodeType === 'TokenInput' ? int() : float(p.units);
    case 'sigmoid':
    case 'linear':
      return float(p.units);
    case 'mdn':
      return float(5);
  }
}

export const Output = defineNode({
  type: 'Output',
  category: 'Decoders',
  role: 'head',
  description: 'A decoder head: one output of the model, with its own loss.',
  keywords: ['head', 'loss', 'softmax', 'classification', 'regression', 'mdn', 'mixture density', 'mixture of gaussians', 'gaussian mixture', 'strokes', 'pen', 'handwriting', 'sampling', 'logits', 'prediction'],
  params: HEAD_PARAMS,
  inputs: () => [{ name: 'in' }],
  // The model output is not a port: nothing in the graph reads from an Output.
  outputs: () => [],
  summary: (p) => (p.head === 'mdn' ? `mdn × ${p.mixtures}` : `${p.head} ${p.units ?? '?'}`),
  infer: ({ params, inputs }) => inferHead(params, inputs.in[0]),
  paramCount: (p, inputs) => {
    const f = inputs.in[0].shape.at(-1) ?? 0;
    const width = headWidth(p) ?? 0;
    return f * width + width;
  },
  build: ({ params, inputs, layerName }) => {
    const width = headWidth(params);
    if (width === null) throw new Error(`Output ${layerName()}: units missing (validation should have caught this)`);
    const activation = params.head === 'mdn' ? 'linear' : params.head;
    return { out: tf.layers.dense({ units: width, activation, name: layerName() }).apply(inputs.in[0]) as tf.SymbolicTensor };
  },
  // The Dense layer it builds is written for Keras by dense.ts.
  importFrom: {
    classes: ['Dense', 'TimeDistributed'],
    read: ({ layer, isModelOutput }, problems) => {
      const config = unwrapTimeDistributed(layer, 'Dense');
      if (!config || !isModelOutput) return null;
      const act = importActivation(config.activation);
      if (config.use_bias === false) problems.push('use_bias=False');
      if (!['softmax', 'sigmoid', 'linear'].includes(act)) problems.push(`a model output with activation ${act} (Output heads are softmax, sigmoid or linear)`);
      return oneInput('Output', { head: act, units: config.units });
    },
  },
});
