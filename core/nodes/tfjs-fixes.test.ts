import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { compileChecked } from './node-test-kit';

/** A decoder started by an encoder that reads padded token ids (maskZero). */
const seq2seq = makeGraph(
  {
    src: ['TokenInput', { timesteps: null, vocabSize: 9 }],
    emb: ['Embedding', { vocabSize: 9, dim: 3, maskZero: true }],
    enc: ['LSTM', { units: 4 }],
    tgt: ['SequenceInput', { timesteps: 3, features: 2 }],
    dec: ['LSTM', { units: 4, returnSequences: true }],
    next: ['GRU', { units: 4, returnSequences: true }],
    y: ['Output', { head: 'linear', units: 1 }],
  },
  ['src.out -> emb.in', 'emb.out -> enc.in', 'tgt.out -> dec.in', 'enc.h -> dec.h0', 'enc.c -> dec.c0', 'dec.out -> next.in', 'enc.h -> next.h0', 'next.out -> y.in'],
);

describe('the tfjs shared-kwargs fix', () => {
  it.each([false, true])('keeps the source padding mask off the decoder (training %s)', (training) => {
    const { compiled } = compileChecked(seq2seq);
    const target = tf.randomNormal([1, 3, 2], 0, 1, 'float32', 9);
    const run = (ids: number[]) => (compiled.model.apply([tf.tensor2d([ids], [1, ids.length], 'int32'), target], { training }) as tf.Tensor).dataSync();
    // Padding must not change what the decoder does: the encoder skips it, the decoder never sees it.
    const padded = Array.from(run([3, 5, 0, 0, 0]));
    const unpadded = Array.from(run([3, 5]));
    padded.forEach((v, i) => expect(v).toBeCloseTo(unpadded[i], 5));
  });
});
