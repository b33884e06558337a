import { describe, expect, it } from 'vitest';
import type { PreviewInput, PreviewOutput } from '../../core/api/preview';
import { accuracyText, className, forecastOf, generatedSteps, historyInput, isForecast, isPerStepClasses, shortNames, stripRows, yRange, checkedText } from './sample-view';

const classes = (truth: number[][], prediction: number[][]): PreviewOutput => ({
  nodeId: 'labels', field: 'labels', head: 'softmax', kind: 'classes', shape: [truth[0].length], fullShape: [truth[0].length],
  classNames: ['left', 'right', 'up', 'down'], truth, prediction, confidence: prediction.map((r) => r.map(() => 0.5)),
});
const history: PreviewInput = { nodeId: 'history', field: 'history', dtype: 'float32', shape: [3, 2], fullShape: [3, 2], vocab: null, values: [[[0, 10], [1, 11], [2, 12]]] };
const values = (shape: number[], truth: unknown[], prediction: unknown[]): PreviewOutput => ({
  nodeId: 'next', field: 'next', head: 'linear', kind: 'values', shape, fullShape: shape, classNames: null, truth: truth as never, prediction: prediction as never, confidence: null,
});

describe('the per-step strip', () => {
  it('gives a row per sample and a cell per step, marking the steps the model got wrong', () => {
    const rows = stripRows({ indices: [7, 3] }, classes([[0, 1, 2], [3, 3, 3]], [[0, 2, 2], [3, 3, 3]]));
    expect(rows.map((r) => [r.index, r.right])).toEqual([[7, 2], [3, 3]]);
    expect(rows[0].cells[1]).toEqual({ step: 1, predicted: 2, truth: 1, confidence: 0.5, right: false });
    expect(accuracyText(rows)).toBe('5 of 6 steps right (83%)');
  });

  it('is drawn for a class per step, not for one class per sample nor for values', () => {
    expect(isPerStepClasses(classes([[0, 1]], [[0, 1]]))).toBe(true);
    expect(isPerStepClasses({ ...classes([[0]], [[0]]), shape: [], truth: [1], prediction: [1] })).toBe(false);
    expect(isPerStepClasses(values([1], [[0]], [[0]]))).toBe(false);
  });

  it('names classes by their token, by id when there is none, short in a cell', () => {
    expect(className(['left', 'right'], 1)).toBe('right');
    expect(className(null, 3)).toBe('3');
    expect([...shortNames(['left', 'right', 'up', 'down'], [0, 1, 2, 3]).values()]).toEqual(['l', 'r', 'u', 'd']);
    expect([...shortNames(['dog', 'down', 'up'], [0, 1, 2]).values()]).toEqual(['dog', 'dow', 'up']);
    expect([...shortNames(['ab1', 'ab2x', 'ab2y'], [0, 1, 2]).values()]).toEqual(['0', '1', '2']);
    expect(shortNames(null, [4]).get(4)).toBe('4');
  });
});

describe('forecasts', () => {
  it('a value after the window sits one step past the history, of the chosen signal', () => {
    const f = forecastOf(history, values([2], [[3, 13]], [[2.5, 12]]), 0, 1);
    expect(f.history).toEqual([[0, 10], [1, 11], [2, 12]]);
    expect(f.truth).toEqual([[3, 13]]);
    expect(f.prediction).toEqual([[3, 12]]);
  });

  it('a value per step is drawn at its steps, and a fed-back forecast goes on from the history', () => {
    const f = forecastOf(history, values([3, 2], [[[1, 0], [2, 0], [3, 0]]], [[[1.1, 0], [2.2, 0], [2.9, 0]]]), 0, 0, [[3.1, 0], [4, 0]]);
    expect(f.truth).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(f.prediction[2]).toEqual([2, 2.9]);
    expect(f.fedBack).toEqual([[3, 3.1], [4, 4]]);
  });

  it('the history is the input fed back from the Output, else the first sequence of floats', () => {
    const other = { ...history, nodeId: 'noise' };
    expect(historyInput([other, history], { history: 'next' }, 'next')?.nodeId).toBe('history');
    expect(historyInput([other, history], {}, 'next')?.nodeId).toBe('noise');
    expect(historyInput([{ ...history, dtype: 'int32' }], {}, 'next')).toBeNull();
    expect(isForecast(values([1], [[0]], [[0]]))).toBe(true);
  });

  it('generated steps drop the primer the samples start with', () => {
    expect(generatedSteps([[[0], [1], [2], [3.5], [4.5]]], 3)).toEqual([[3.5], [4.5]]);
    expect(generatedSteps([[[0], [1]]], 3)).toBeNull();
  });

  it('the y range covers every finite value with a margin', () => {
    const [lo, hi] = yRange([[[0, -1], [1, NaN]], [[2, 3]]]);
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(3);
    expect(yRange([])).toEqual([-1, 1]);
  });
});

describe('generated text, checked', () => {
  it('counts the right answers, says which split they came from, and shows the columns there is something for', () => {
    const view = checkedText({
      split: 'validation',
      samples: [
        { input: '12+345', output: '357', truth: '357', right: true, index: 3 },
        { input: '9+9', output: '17', truth: '18', right: false, index: 8 },
      ],
    });
    expect(view.summary).toBe('1 of 2 right, on validation samples, which the model did not train on.');
    expect(view).toMatchObject({ checked: true, questions: true, pictures: false });
    expect(view.rows[1].label).toBe('sample 2 (#8): 9+9 → 17, truth 18, wrong');
  });

  it('says when the samples were training samples, and checks nothing made from typed input', () => {
    expect(checkedText({ split: 'training', samples: [{ input: null, output: 'a', truth: 'a', right: true, image: [[1]] }] })).toMatchObject({ pictures: true, questions: false, summary: expect.stringContaining('the model has seen these') });
    expect(checkedText({ samples: [{ input: '1+1', output: '2' }] })).toMatchObject({ checked: false, summary: null });
  });
});
