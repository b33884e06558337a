import { describe, expect, it } from 'vitest';
import { addition } from '../data/builtins/addition';
import { makeGraph } from '../compile/fixture';
import { decodeText, encodeText, heldOutSamples } from './data';
import { splitDataset } from '../data/split';

describe('text in and out of a run', () => {
  it('feeds typed text as the dataset laid its questions out: padded to the field, backwards when the field is reversed', async () => {
    const ds = await addition.create({ digits: 3, count: 50, reverse: true, seed: 1 });
    const field = ds.fields.source;
    const ids = encodeText('question', '12+345', field.vocab, field);
    expect(ids).toHaveLength(7);
    // <pad> first: the padded question turned around.
    expect(decodeText(field.vocab!, ids, field)).toBe('12+345');
    expect(ids[0]).toBe(field.vocab!.specials.pad);
    expect(field.vocab!.tokens[ids[6]]).toBe('1');
    // A sample of the dataset reads as written too.
    const b = ds.batch([0], ['source']);
    expect(decodeText(field.vocab!, b.source.data, field)).toMatch(/^\d{1,3}\+\d{1,3}$/);
    expect(encodeText('question', decodeText(field.vocab!, b.source.data, field), field.vocab, field)).toEqual(Array.from(b.source.data));
  });

  it('leaves text as typed for a field that is not reversed, and names a character it does not know', async () => {
    const ds = await addition.create({ digits: 2, count: 50, reverse: false, seed: 1 });
    const field = ds.fields.source;
    expect(decodeText(field.vocab!, encodeText('q', '1+2', field.vocab, field), field)).toBe('1+2');
    expect(() => encodeText('q', '1-2', field.vocab, field)).toThrow(/"-" is not in the vocabulary/);
  });

  it('shows a run\'s work on samples of its validation split, the same ones for the same seed', async () => {
    const ds = await addition.create({ digits: 2, count: 200, reverse: false, seed: 1 });
    const graph = makeGraph({ q: ['TokenInput', { timesteps: null, vocabSize: 15 }], e: ['Embedding', { vocabSize: 15, dim: 4 }], r: ['LSTM', { units: 4 }], a: ['Output', { head: 'softmax', units: 3 }] }, ['q.out -> e.in', 'e.out -> r.in', 'r.out -> a.in']);
    graph.training = { dataset: { builtin: 'addition', options: {} }, bindings: { q: 'source', a: 'target' }, validationSplit: 0.2, seed: 5 };
    const validation = new Set(splitDataset(ds, 0.2, 5).validation);
    const first = heldOutSamples(graph, ds, 6);
    expect(first.split).toBe('validation');
    expect(first.indices.every((i) => validation.has(i))).toBe(true);
    const drawn = heldOutSamples(graph, ds, 6, 3);
    expect(drawn.indices.every((i) => validation.has(i))).toBe(true);
    expect(drawn.indices).not.toEqual(first.indices);
    expect(heldOutSamples(graph, ds, 6, 3)).toEqual(drawn);
    graph.training.validationSplit = 0;
    expect(heldOutSamples(graph, ds, 2).split).toBe('training');
  });
});
