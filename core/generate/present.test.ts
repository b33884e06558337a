import { describe, expect, it } from 'vitest';
import type { CompiledModel } from '../compile/types';
import { makeVocab } from '../data/vocab';
import { presentGenerated } from './present';
import type { GenerateResult } from './types';

const compiled = {
  inputs: [
    { nodeId: 'question', nodeType: 'TokenInput', type: { shape: [null], dtype: 'int32' }, feedback: null },
    { nodeId: 'answerIn', nodeType: 'TokenInput', type: { shape: [null], dtype: 'int32' }, feedback: 'answer' },
  ],
  outputs: [{ nodeId: 'answer', head: 'softmax', units: 15, mixtures: 20, type: { shape: [null, 15], dtype: 'float32' } }],
} as unknown as CompiledModel;

describe('presenting what was generated', () => {
  it('decodes token ids with the run vocabulary, beside the source text, up to the end token', () => {
    const vocab = makeVocab('0123456789+'.split(''), { specials: true });
    const ids = (text: string) => [...text].map((ch) => vocab.tokens.indexOf(ch));
    const result: GenerateResult = {
      mode: 'step',
      steps: 4,
      notes: [],
      sequences: [{ inputId: 'answerIn', outputId: 'answer', head: 'softmax', primed: 0, stopped: ['end'], samples: [[...ids('57').map((i) => [i]), [2]]] }],
    };
    const view = presentGenerated(result, compiled, { question: vocab, answerIn: vocab, answer: vocab }, { question: [ids('12+45')] });
    expect(view).toEqual({ kind: 'text', samples: [{ input: '12+45', output: '57' }] });
  });

  it('gives strokes as stroke-5 and absolute polylines', () => {
    const result: GenerateResult = {
      mode: 'step',
      steps: 3,
      notes: [],
      sequences: [{ inputId: 's', outputId: 'pen', head: 'mdn', primed: 0, stopped: ['end'], samples: [[[1, 0, 1, 0, 0], [0, 1, 0, 1, 0], [0, 0, 0, 0, 1]]] }],
    };
    const view = presentGenerated(result, compiled, {});
    expect(view).toEqual({ kind: 'strokes', drawings: [{ stroke5: result.sequences[0].samples[0], polylines: [[[1, 0], [1, 1]]], primed: 0 }] });
  });

  it('places the traced mixtures of a drawing on it, and only of the drawings traced', () => {
    const trace = { weights: [1], mu1: [2], mu2: [3], sigma1: [0.5], sigma2: [0.5], rho: [0], pen: [1, 0, 0] as [number, number, number], greedy: false };
    const result: GenerateResult = {
      mode: 'step',
      steps: 1,
      notes: [],
      sequences: [{
        inputId: 's', outputId: 'pen', head: 'mdn', primed: 1, stopped: ['max-steps', 'max-steps'],
        samples: [[[1, 1, 1, 0, 0], [2, 3, 1, 0, 0]], [[1, 1, 1, 0, 0], [0, 0, 1, 0, 0]]],
        mixtures: [[trace], null],
      }],
    };
    const view = presentGenerated(result, compiled, {});
    if (view.kind !== 'strokes') throw new Error(view.kind);
    expect(view.drawings[0].primed).toBe(1);
    expect(view.drawings[0].mixtures).toEqual([{ at: [1, 1], weights: [1], cx: [3], cy: [4], sx: [0.5], sy: [0.5], rho: [0], pen: [1, 0, 0] }]);
    expect(view.drawings[1].mixtures).toBeUndefined();
  });

  it('without a vocabulary gives the values by Output id', () => {
    const result: GenerateResult = { mode: 'window', steps: 1, notes: [], sequences: [{ inputId: 'h', outputId: 'next', head: 'linear', primed: 0, stopped: ['max-steps'], samples: [[[0.5, 1]]] }] };
    expect(presentGenerated(result, compiled, {})).toEqual({ kind: 'values', outputs: { next: [[[0.5, 1]]] } });
  });
});
