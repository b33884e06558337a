import type * as tf from '@tensorflow/tfjs';
import { float } from '../shapes/tensor-type';
import { fail, mismatch } from './checks';
import { customLayers } from './custom-layers';
import { joinInputs, listShapes, mergeLeadingAxes } from './merge';
import { py } from '../export/keras/python';
import { kerasName } from './layer-class';
import { defineNode } from './spec';

export const Concatenate = defineNode({
  type: 'Concatenate',
  category: 'Layers',
  role: 'merge',
  description: 'Joins two or more inputs on their last axis; the other axes must agree.',
  keywords: ['concat', 'join', 'merge', 'combine', 'bidirectional'],
  params: {},
  inputs: () => [{ name: 'in', multiple: true }],
  outputs: () => [{ name: 'out' }],
  summary: () => '',
  infer: ({ inputs }) => {
    const joined = joinInputs('Concatenate', inputs);
    if ('failed' in joined) return joined.failed;
    const { xs, rank } = joined;
    if (rank === 0) return fail(mismatch('in', `Concatenate needs at least one axis, found ${listShapes(xs)}`));
    const merged = mergeLeadingAxes(xs, rank - 1);
    if ('differs' in merged) return fail(mismatch('in', `all axes but the last must agree, found ${listShapes(xs)} (axis ${merged.differs + 1} differs)`));
    const lasts = xs.map((x) => x.shape[rank - 1]);
    const last = lasts.some((d) => d === null) ? null : lasts.reduce<number>((sum, d) => sum + (d ?? 0), 0);
    return { ok: true, outputs: { out: float(...merged.shape, last) } };
  },
  paramCount: () => 0,
  build: ({ inputs, layerName }) => ({
    out: new (customLayers().MaskSafeConcatenate)({ axis: -1, name: layerName() }).apply(inputs.in) as tf.SymbolicTensor,
  }),
  layerClasses: {
    Concatenate: { keras: ({ name, config: c }) => `layers.Concatenate(axis=${py(c.axis ?? -1)}, ${kerasName(name)})`, takesList: true, step: 'merge' },
  },
  importFrom: {
    classes: ['Concatenate'],
    read: ({ layer: { config: c }, calls }, problems) => {
      if (c.axis !== undefined && c.axis !== -1) problems.push(`axis ${JSON.stringify(c.axis)} (Seqwire joins on the last axis)`);
      return { type: 'Concatenate', params: {}, ports: calls.map(() => 'in') };
    },
  },
});
