import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { describeType, fail, lastDim, mismatch, needKnownLast, needSequence } from './checks';
import { ACTIVATIONS } from './dense';
import { py } from '../export/keras/python';
import { importActivation, kerasActivation, kerasName, kerasPair, oneInput } from './layer-class';
import { defineNode } from './spec';

/** One size from Keras's 1-tuples (`[3]`) or a plain int. */
export const single = (value: unknown): number => Number(Array.isArray(value) ? value[0] : value);

/** Steps out of a 1-D convolution, as Keras computes them; null stays null (variable length). */
export function conv1dSteps(steps: number | null, kernel: number, stride: number, dilation: number, padding: 'same' | 'valid'): number | null {
  if (steps === null) return null;
  const span = dilation * (kernel - 1) + 1;
  return padding === 'valid' ? Math.floor((steps - span) / stride) + 1 : Math.ceil(steps / stride);
}

export const Conv1D = defineNode({
  type: 'Conv1D',
  category: 'Layers',
  role: 'layer',
  description: 'A 1-D convolution over the steps of a sequence: filters learned kernels slid along time.',
  params: {
    filters: { kind: 'int', min: 1, max: 4096, initial: 16, help: 'output features per step' },
    kernelSize: { kind: 'int', min: 1, max: 256, initial: 3, help: 'how many steps each kernel reads' },
    strides: { kind: 'int', min: 1, max: 256, default: 1 },
    // Keras's 'causal' padding is missing: tfjs has not implemented it.
    padding: { kind: 'choice', options: ['same', 'valid'], default: 'same', help: 'same keeps the length (at stride 1); valid only slides where the kernel fits' },
    dilationRate: { kind: 'int', min: 1, max: 256, default: 1, help: 'gaps between the steps a kernel reads' },
    activation: { kind: 'choice', options: ACTIVATIONS, default: 'relu' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.filters} × ${p.kernelSize}${p.strides > 1 ? ` /${p.strides}` : ''}${p.padding === 'same' ? '' : `, ${p.padding}`}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needSequence('in', x) ?? needKnownLast('in', x);
    if (bad) return fail(bad);
    if (params.strides > 1 && params.dilationRate > 1) return fail(mismatch('in', 'strides and dilationRate above 1 together are not supported (as in Keras); set one of them to 1'));
    const steps = conv1dSteps(x.shape[0], params.kernelSize, params.strides, params.dilationRate, params.padding);
    if (steps !== null && steps < 1) {
      return fail(mismatch('in', `a kernel of ${params.kernelSize} steps does not fit ${describeType(x)} with padding valid; use padding same or a smaller kernelSize`));
    }
    return { ok: true, outputs: { out: float(steps, params.filters) } };
  },
  paramCount: (p, inputs) => p.kernelSize * lastDim(inputs.in[0]) * p.filters + p.filters,
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers
      .conv1d({
        filters: params.filters,
        kernelSize: params.kernelSize,
        strides: params.strides,
        padding: params.padding,
        dilationRate: params.dilationRate,
        activation: params.activation,
        name: layerName(),
      })
      .apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    Conv1D: {
      keras: ({ name, config: c }) =>
        `layers.Conv1D(${py(c.filters)}, ${kerasPair(c.kernel_size)}, strides=${kerasPair(c.strides ?? 1)}, padding=${py(c.padding ?? 'valid')}, dilation_rate=${kerasPair(c.dilation_rate ?? 1)}, activation=${kerasActivation(c.activation, name)}, use_bias=${py(c.use_bias ?? true)}, ${kerasName(name)})`,
    },
  },
  importFrom: {
    classes: ['Conv1D'],
    read: ({ layer: { config: c } }, problems) => {
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      if (c.use_bias === false) problems.push('use_bias=False');
      if (c.padding === 'causal') problems.push("padding='causal' (TensorFlow.js has no causal convolution yet)");
      if (c.groups !== undefined && c.groups !== 1) problems.push(`groups=${JSON.stringify(c.groups)}`);
      return oneInput('Conv1D', {
        filters: c.filters,
        kernelSize: single(c.kernel_size),
        strides: single(c.strides ?? 1),
        padding: c.padding ?? 'valid',
        dilationRate: single(c.dilation_rate ?? 1),
        activation: importActivation(c.activation),
      });
    },
  },
});
