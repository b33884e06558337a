import { float } from '../shapes/tensor-type';
import { RETURN_SEQUENCES, describeType, fail, mismatch, needFloats } from './checks';
import { customLayers } from './custom-layers';
import { kerasName } from './layer-class';
import { defineNode, type ShapeIssue } from './spec';
import type * as tf from '@tensorflow/tfjs';

export const Attention = defineNode({
  type: 'Attention',
  category: 'Layers',
  role: 'merge',
  description: 'Dot-product attention: each query step takes a softmax-weighted mix of the value steps.',
  keywords: ['attention', 'luong', 'dot product', 'alignment', 'context', 'query key value', 'softmax', 'seq2seq'],
  params: {},
  inputs: () => [{ name: 'query' }, { name: 'values' }],
  outputs: () => [{ name: 'out' }],
  summary: () => 'dot-product',
  infer: ({ inputs }) => {
    const issues: ShapeIssue[] = [];
    const query = inputs.query[0];
    const values = inputs.values[0];
    for (const [port, x] of [['query', query], ['values', values]] as const) {
      const bad = needFloats(port, x);
      if (bad) issues.push(bad);
      else if (x.shape.length !== 2) {
        const hint = x.shape.length === 1 ? '; set returnSequences on the node before it' : '';
        issues.push(mismatch(port, `expects a sequence [T, d], found ${describeType(x)}${hint}`, x.shape.length === 1 ? RETURN_SEQUENCES : undefined));
      }
    }
    if (issues.length) return fail(...issues);
    const dq = query.shape[1];
    const dv = values.shape[1];
    if (dq !== dv || dq === null) {
      return fail(mismatch('values', `query and values must have the same depth d, found query ${describeType(query)} and values ${describeType(values)}; give both the same units`));
    }
    return { ok: true, outputs: { out: float(query.shape[0], dv) } };
  },
  paramCount: () => 0,
  build: ({ inputs, layerName }) => ({
    out: new (customLayers().DotAttention)({ name: layerName() }).apply([inputs.query[0], inputs.values[0]]) as tf.SymbolicTensor,
  }),
  layerClasses: {
    // Keras's Attention with its defaults is the same dot-product attention, with no weights.
    SeqwireDotAttention: { keras: ({ name }) => `layers.Attention(${kerasName(name)})`, takesList: true, step: 'attention' },
  },
  importFrom: {
    classes: ['Attention', 'SeqwireDotAttention'],
    read: ({ layer: { config: c }, calls }, problems) => {
      if (c.use_scale || (c.score_mode && c.score_mode !== 'dot')) problems.push('scaled or additive scores (Seqwire attention is plain dot-product)');
      if (calls.length !== 2) problems.push(`${calls.length} inputs (Seqwire attention takes query and values)`);
      return { type: 'Attention', params: {}, ports: ['query', 'values'] };
    },
  },
});
