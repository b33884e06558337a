import { describe, expect, it } from 'vitest';
import { loadGraph, parseGraphText, saveGraph } from './load';
import { analyzeGraph } from '../validate/analyze';

const doc = {
  format: 'seqwire.graph',
  version: 1,
  name: 'Digit strokes',
  nodes: [
    { id: 'strokes', type: 'SequenceInput', position: { x: 0, y: 0 }, params: { timesteps: 64, features: 5, feedback: 'pen' } },
    { id: 'rnn', type: 'Stack', params: { cell: 'LSTM', layers: 2, units: 256, returnSequences: true } },
    { id: 'pen', type: 'Output', position: { x: 480, y: 0 }, params: { head: 'mdn', mixtures: 20 } },
  ],
  edges: [
    { id: 'e1', source: 'strokes', sourceHandle: 'out', target: 'rnn', targetHandle: 'in' },
    { id: 'e2', source: 'rnn', sourceHandle: 'out', target: 'pen', targetHandle: 'in' },
  ],
  training: {
    dataset: { builtin: 'hershey-strokes', options: { glyphs: '0123456789' } },
    bindings: { strokes: 'strokesIn', pen: 'strokesOut' },
    optimizer: { type: 'adam', learningRate: 0.001 },
    batchSize: 32, epochs: 10, clipNorm: 1.0, validationSplit: 0.1, seed: 7,
  },
};

describe('loading a graph', () => {
  it('save then load gives back the same document', () => {
    const first = loadGraph(structuredClone(doc));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const text = saveGraph(first.graph);
    const second = parseGraphText(text);
    expect(second.ok && second.graph).toEqual(doc);
    expect(JSON.parse(text)).toEqual(doc);
  });

  it('keeps fields it does not know so that nothing is lost on save', () => {
    const withExtra = { ...structuredClone(doc), author: 'ada', nodes: [{ ...doc.nodes[0], note: 'x' }, ...doc.nodes.slice(1)] };
    const result = loadGraph(withExtra);
    expect(result.ok && JSON.parse(saveGraph(result.graph))).toEqual(withExtra);
  });

  it('refuses text that is not JSON, naming the problem', () => {
    const result = parseGraphText('{"format": "seqwire.graph", ');
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^not valid JSON/) });
  });

  it('refuses a file from a newer version and says to update', () => {
    const result = loadGraph({ ...doc, version: 2 });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('newer Seqwire (format version 2)') });
  });

  it('refuses a document that is not a Seqwire graph', () => {
    expect(loadGraph([1, 2])).toMatchObject({ ok: false, error: expect.stringContaining('JSON object') });
    expect(loadGraph({ nodes: [] })).toMatchObject({ ok: false, error: expect.stringContaining('"format"') });
  });

  it('names the node and field of a malformed part', () => {
    const bad = structuredClone(doc) as { nodes: Record<string, unknown>[] };
    bad.nodes[1].params = 'wide';
    const result = loadGraph(bad);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('nodes[1] ("rnn").params') });
  });

  it('opens a file with an absurd or wrong-typed training option, which analysis names as a diagnostic', () => {
    for (const [training, found] of [
      [{ ...doc.training, batchSize: -5 }, /training\.batchSize: .*found -5/],
      [{ ...doc.training, optimizer: { type: 'adam', learningRate: 'abc' } }, /training\.optimizer\.learningRate: .*found "abc"/],
    ] as const) {
      const result = loadGraph({ ...doc, training });
      if (!result.ok) throw new Error(result.error);
      expect(JSON.parse(saveGraph(result.graph)).training).toEqual(training);
      expect(analyzeGraph(result.graph)).toMatchObject({ valid: false, diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'invalid-training', nodeId: '', message: expect.stringMatching(found) })]) });
    }
  });

  it('refuses two nodes with one id', () => {
    const result = loadGraph({ ...doc, nodes: [doc.nodes[0], doc.nodes[0]] });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('"strokes" is used by more than one node') });
  });

  it('migrates a version 0 file and says what it changed', () => {
    const v0 = {
      format: 'seqwire.graph',
      version: 0,
      nodes: [{ id: 'x', type: 'SequenceInput', data: { timesteps: 4, features: 2 } }, { id: 'y', type: 'Output', data: { head: 'linear', units: 2 } }],
      edges: [{ id: 'a', source: 'x', target: 'y' }],
    };
    const result = loadGraph(v0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph.version).toBe(1);
    expect(result.graph.nodes[0].params).toEqual({ timesteps: 4, features: 2 });
    expect(result.graph.edges[0]).toMatchObject({ sourceHandle: 'out', targetHandle: 'in' });
    expect(result.notes[0]).toMatch(/migrated from format version 0/);
  });
});
