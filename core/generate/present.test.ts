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

  it('reads a question fed backwards as written, beside the true answer and whether the model gave it', () => {
    const vocab = makeVocab('0123456789+'.split(''), { specials: true });
    const ids = (text: string) => [...text].map((ch) => vocab.tokens.indexOf(ch));
    const answers = [[...ids('357').map((i) => [i]), [2]], [...ids('358').map((i) => [i]), [2]]];
    const result: GenerateResult = { mode: 'step', steps: 4, notes: [], sequences: [{ inputId: 'answerIn', outputId: 'answer', head: 'softmax', primed: 0, stopped: ['end', 'end'], samples: answers }] };
    const question = [0, ...ids('12+345')].reverse();
    const view = presentGenerated(result, compiled, { question: vocab, answerIn: vocab, answer: vocab }, { question: [question, question] }, {
      fields: { question: { reversed: true } },
      samples: { indices: [7, 9], split: 'validation', truth: { answer: [[...ids('357'), 2, 0], [...ids('357'), 2, 0]] } },
    });
    expect(view).toEqual({
      kind: 'text',
      split: 'validation',
      samples: [
        { input: '12+345', output: '357', truth: '357', right: true, index: 7 },
        { input: '12+345', output: '358', truth: '357', right: false, index: 9 },
      ],
    });
  });

  it('gives the picture a caption was written for, as rows of pixels', () => {
    const words = makeVocab(['big', 'circle'], { specials: true, joiner: ' ' });
    const captioner = { inputs: [{ nodeId: 'picture', nodeType: 'ImageInput', type: { shape: [2, 2, 1], dtype: 'float32' }, feedback: null }, compiled.inputs[1]], outputs: compiled.outputs } as unknown as CompiledModel;
    const result: GenerateResult = { mode: 'step', steps: 3, notes: [], sequences: [{ inputId: 'answerIn', outputId: 'answer', head: 'softmax', primed: 0, stopped: ['end'], samples: [[[3], [4], [2]]] }] };
    const view = presentGenerated(result, captioner, { answer: words }, { picture: [[[[0], [1]], [[1], [0]]]] }, { samples: { indices: [4], split: 'validation', truth: { answer: [[3, 4, 2]] } } });
    expect(view).toEqual({ kind: 'text', split: 'validation', samples: [{ input: null, output: 'big circle', truth: 'big circle', right: true, index: 4, image: [[0, 1], [1, 0]] }] });
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

  it('says which class each class-conditional drawing was asked for', () => {
    const conditional = {
      inputs: [
        { nodeId: 'digit', nodeType: 'TokenInput', type: { shape: [1], dtype: 'int32' }, feedback: null },
        { nodeId: 'strokes', nodeType: 'SequenceInput', type: { shape: [null, 5], dtype: 'float32' }, feedback: 'pen' },
      ],
      outputs: [{ nodeId: 'pen', head: 'mdn', units: 123, mixtures: 20, type: { shape: [null, 123], dtype: 'float32' } }],
    } as unknown as CompiledModel;
    const drawing = [[1, 0, 1, 0, 0], [0, 0, 0, 0, 1]];
    const result: GenerateResult = { mode: 'step', steps: 2, notes: [], sequences: [{ inputId: 'strokes', outputId: 'pen', head: 'mdn', primed: 0, stopped: ['end', 'end'], samples: [drawing, drawing] }] };
    const digits = makeVocab('0123456789'.split(''), { sort: false });
    const batch = presentGenerated(result, conditional, { digit: digits }, { digit: [[3], [7]] });
    expect(batch.kind === 'strokes' && batch.drawings.map((d) => d.asked)).toEqual(['3', '7']);
    const one = presentGenerated(result, conditional, { digit: digits }, { digit: [5] });
    expect(one.kind === 'strokes' && one.drawings.map((d) => d.asked)).toEqual(['5', '5']);
  });

  it('without a vocabulary gives the values by Output id', () => {
    const result: GenerateResult = { mode: 'window', steps: 1, notes: [], sequences: [{ inputId: 'h', outputId: 'next', head: 'linear', primed: 0, stopped: ['max-steps'], samples: [[[0.5, 1]]] }] };
    expect(presentGenerated(result, compiled, {})).toEqual({ kind: 'values', outputs: { next: [[[0.5, 1]]] } });
  });
});
