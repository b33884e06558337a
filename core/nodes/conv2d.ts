import * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { describeType, fail, mismatch, needImage } from './checks';
import { ACTIVATIONS } from './dense';
import { py } from '../export/keras/python';
import { importActivation, importSquare, kerasActivation, kerasName, kerasPair, oneInput } from './layer-class';
import { defineNode } from './spec';

/** Output size along one axis, as Keras computes it; below 1 means the kernel does not fit. */
export function convOutSize(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

export const Conv2D = defineNode({
  type: 'Conv2D',
  category: 'Layers',
  role: 'layer',
  description: 'A 2-D convolution: filters learned kernels slid over an image.',
  keywords: ['convolution', 'cnn', 'filter', 'kernel', 'image', 'feature map'],
  params: {
    filters: { kind: 'int', min: 1, max: 4096, initial: 16, help: 'output channels' },
    kernelSize: { kind: 'int', min: 1, max: 64, initial: 3, help: 'the kernel is kernelSize × kernelSize' },
    strides: { kind: 'int', min: 1, max: 64, default: 1 },
    padding: { kind: 'choice', options: ['same', 'valid'], default: 'same', help: 'same keeps the size (at stride 1); valid only slides where the kernel fits' },
    activation: { kind: 'choice', options: ACTIVATIONS, default: 'relu' },
  },
  inputs: () => [{ name: 'in' }],
  outputs: () => [{ name: 'out' }],
  summary: (p) => `${p.filters} × ${p.kernelSize}²${p.strides > 1 ? ` /${p.strides}` : ''}${p.padding === 'valid' ? ', valid' : ''}`,
  infer: ({ params, inputs }) => {
    const x = inputs.in[0];
    const bad = needImage('in', x);
    if (bad) return fail(bad);
    const [h, w] = x.shape as number[];
    const outH = convOutSize(h, params.kernelSize, params.strides, params.padding);
    const outW = convOutSize(w, params.kernelSize, params.strides, params.padding);
    if (outH < 1 || outW < 1) {
      return fail(mismatch('in', `a ${params.kernelSize} × ${params.kernelSize} kernel does not fit ${describeType(x)} with padding valid; use padding same or a smaller kernelSize`));
    }
    return { ok: true, outputs: { out: float(outH, outW, params.filters) } };
  },
  paramCount: (p, inputs) => {
    const channels = inputs.in[0].shape[2] ?? 0;
    return p.kernelSize * p.kernelSize * channels * p.filters + p.filters;
  },
  build: ({ params, inputs, layerName }) => ({
    out: tf.layers
      .conv2d({
        filters: params.filters,
        kernelSize: params.kernelSize,
        strides: params.strides,
        padding: params.padding,
        activation: params.activation,
        name: layerName(),
      })
      .apply(inputs.in[0]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    Conv2D: {
      keras: ({ name, config: c }) =>
        `layers.Conv2D(${py(c.filters)}, ${kerasPair(c.kernel_size)}, strides=${kerasPair(c.strides ?? 1)}, padding=${py(c.padding ?? 'valid')}, activation=${kerasActivation(c.activation, name)}, use_bias=${py(c.use_bias ?? true)}, ${kerasName(name)})`,
    },
  },
  importFrom: {
    classes: ['Conv2D'],
    read: ({ layer: { config: c } }, problems) => {
      if (c.data_format && c.data_format !== 'channels_last') problems.push('channels_first data');
      return oneInput('Conv2D', {
        filters: c.filters,
        kernelSize: importSquare(c.kernel_size, 'kernel_size', problems),
        strides: importSquare(c.strides ?? 1, 'strides', problems),
        padding: c.padding ?? 'valid',
        activation: importActivation(c.activation),
      });
    },
  },
});
