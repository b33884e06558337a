import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { describeDatasets } from '../data/catalogue';
import { analyzeGraph } from './analyze';
import { didYouMean } from './suggest';
import { checkTraining } from './training';

const graph = () => {
  const g = makeGraph(
    { history: ['SequenceInput', { timesteps: 6, features: 1 }], rnn: ['LSTM', { units: 4 }], next: ['Output', { head: 'linear', units: 1 }] },
    ['history.out -> rnn.in', 'rnn.out -> next.in'],
  );
  g.training = { dataset: { builtin: 'sine', options: { window: 6 } }, bindings: { history: 'history', next: 'next' } };
  return g;
};

describe('checking the training section', () => {
  it('finds nothing wrong in a section that names a built-in and its fields', () => {
    expect(checkTraining(graph(), describeDatasets())).toEqual([]);
  });

  it('names an unknown built-in dataset with the closest name', () => {
    const g = graph();
    g.training!.dataset = { builtin: 'sin' };
    expect(checkTraining(g, describeDatasets())).toEqual([expect.objectContaining({ code: 'unknown-dataset', severity: 'error', message: expect.stringContaining('no built-in dataset "sin"; did you mean "sine"?') })]);
  });

  it('names a binding to a field the dataset does not make, and one to a node the graph lacks', () => {
    const g = graph();
    g.training!.bindings = { history: 'histroy', nxt: 'next' };
    const found = checkTraining(g, describeDatasets());
    expect(found).toEqual([
      expect.objectContaining({ code: 'unknown-field', nodeId: 'history', message: expect.stringContaining('no field "histroy"; did you mean "history"?') }),
      expect.objectContaining({ code: 'unknown-binding', message: expect.stringContaining('"nxt" is not a node of the graph; did you mean "next"?') }),
    ]);
  });

  it('leaves the fields of a file unchecked (they depend on the file) but knows the format names', () => {
    const g = graph();
    g.training!.dataset = { file: 'data.csv', format: 'cvs' };
    g.training!.bindings = { history: 'anything' };
    expect(checkTraining(g, describeDatasets()).map((d) => d.message)).toEqual([expect.stringContaining('no file format "cvs"; did you mean "csv"?')]);
  });
});

describe('did you mean', () => {
  it('suggests a node type for a typo, ignoring case, and nothing for a word far from every name', () => {
    expect(didYouMean('Stak', ['Stack', 'LSTM', 'GRU'])).toBe('Stack');
    expect(didYouMean('lstm', ['Stack', 'LSTM', 'GRU'])).toBe('LSTM');
    expect(didYouMean('Transformer', ['Stack', 'LSTM', 'GRU'])).toBeNull();
    const g = graph();
    g.nodes[1] = { ...g.nodes[1], type: 'Stak' };
    expect(analyzeGraph(g).diagnostics.find((d) => d.code === 'unknown-node-type')?.message).toMatch(/unknown node type "Stak"; did you mean "Stack"\?/);
  });
});
