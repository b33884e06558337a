import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { SimpleRNN } from './simple-rnn';
import { recurrentParamCount, type RecurrentCell } from './recurrent';

const cells = [
  { spec: SimpleRNN, gates: 1 },
  { spec: LSTM, gates: 4 },
  { spec: GRU, gates: 3 },
] as const;

describe.each(cells)('$spec.type', ({ spec, gates }) => {
  it('gives [units] by default and [T, units] with returnSequences, carrying a null T', () => {
    expect(inferNode(spec, { units: 8 }, { in: [float(null, 3)] })).toMatchObject({ ok: true, outputs: { out: float(8), h: float(8) } });
    expect(inferNode(spec, { units: 8, returnSequences: true }, { in: [float(null, 3)] })).toMatchObject({ ok: true, outputs: { out: float(null, 8) } });
    expect(inferNode(spec, { units: 8, returnSequences: true }, { in: [float(12, 3)] })).toMatchObject({ ok: true, outputs: { out: float(12, 8) } });
  });

  it('doubles its width with bidirectional concat but not with sum', () => {
    expect(inferNode(spec, { units: 8, bidirectional: 'concat', returnSequences: true }, { in: [float(5, 3)] })).toMatchObject({ outputs: { out: float(5, 16) } });
    expect(inferNode(spec, { units: 8, bidirectional: 'sum' }, { in: [float(5, 3)] })).toMatchObject({ outputs: { out: float(8) } });
  });

  it('refuses a vector, saying to set returnSequences or add a RepeatVector', () => {
    const [issue] = issuesOf(inferNode(spec, { units: 8 }, { in: [float(64)] }));
    expect(issue).toMatchObject({ code: 'shape-mismatch', port: 'in' });
    expect(issue.message).toBe('expects a sequence [T, F], found a vector [64]; set returnSequences on the node before it, or add a RepeatVector');
  });

  it('refuses token ids, saying to put an Embedding before it', () => {
    const [issue] = issuesOf(inferNode(spec, { units: 8 }, { in: [int(null)] }));
    expect(issue.message).toContain('put an Embedding before it');
  });

  it('refuses an initial state h0 that is not [units]', () => {
    const [issue] = issuesOf(inferNode(spec, { units: 8 }, { in: [float(5, 3)], h0: [float(16)] }));
    expect(issue).toMatchObject({ code: 'shape-mismatch', port: 'h0' });
    expect(issue.message).toContain('expects an initial state [8]');
  });

  it('refuses state ports together with bidirectional', () => {
    const withH0 = issuesOf(inferNode(spec, { units: 8, bidirectional: 'concat' }, { in: [float(5, 3)], h0: [float(8)] }));
    expect(withH0).toMatchObject([{ code: 'state-with-bidirectional', port: 'h0' }]);
    const withH = issuesOf(inferNode(spec, { units: 8, bidirectional: 'ave' }, { in: [float(5, 3)] }, ['out', 'h']));
    expect(withH).toMatchObject([{ code: 'state-with-bidirectional', port: 'h' }]);
  });

  it.each([null, 'concat', 'sum', 'ave', 'mul'])('counts parameters as Keras does, and as tfjs does (bidirectional %s)', (bidirectional) => {
    const units = 4;
    const features = 3;
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: null, features }], rnn: [spec.type, { units, bidirectional }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const { analysis, tfjsParams, ourParams } = compileChecked(graph);
    const keras = gates * (units * (features + units) + units) * (bidirectional ? 2 : 1);
    expect(analysis.nodes.get('rnn')!.paramCount).toBe(keras);
    expect(recurrentParamCount(spec.type as RecurrentCell, units, features, bidirectional !== null)).toBe(keras);
    expect(tfjsParams).toBe(ourParams);
  });

  it('survives save and load with every param, and compiles the same after', () => {
    const params = { units: 5, activation: 'relu', returnSequences: true, dropout: 0.1, recurrentDropout: 0.2, goBackwards: true, bidirectional: 'mul' };
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 7, features: 2 }], rnn: [spec.type, params], y: ['Output', { head: 'sigmoid', units: 3 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const back = roundTrip(graph);
    expect(back).toEqual(graph);
    const { compiled, tfjsParams, ourParams } = compileChecked(back);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, 7, 3]);
  });
});

describe('LSTM initial weights', () => {
  it('start the forget gate bias at 1, as Keras does, so the cell state does not halve every step', () => {
    const { compiled } = compileChecked(makeGraph(
      { x: ['SequenceInput', { timesteps: 3, features: 2 }], rnn: ['LSTM', { units: 4 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> rnn.in', 'rnn.out -> y.in'],
    ));
    const bias = compiled.model.getLayer('rnn').getWeights()[2].dataSync();
    // Keras gate order i, f, c, o: the second block of `units` is the forget gate.
    expect(Array.from(bias.slice(4, 8))).toEqual([1, 1, 1, 1]);
    expect(Array.from(bias.slice(0, 4))).toEqual([0, 0, 0, 0]);
  });
});

describe('building an LSTM', () => {
  it('leaves behind only its three weights, no intermediate of the forget-bias initialiser', async () => {
    const { compiled } = compileChecked(makeGraph({ x: ['SequenceInput', { timesteps: 2, features: 2 }], rnn: ['LSTM', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] }, ['x.out -> rnn.in', 'rnn.out -> y.in']));
    compiled.model.dispose();
    const tf = await import('@tensorflow/tfjs');
    const before = tf.memory().numTensors;
    const { compiled: again } = compileChecked(makeGraph({ x: ['SequenceInput', { timesteps: 2, features: 2 }], rnn: ['LSTM', { units: 3 }], y: ['Output', { head: 'linear', units: 1 }] }, ['x.out -> rnn.in', 'rnn.out -> y.in']));
    // LSTM kernel, recurrent kernel, bias; the head's kernel and bias.
    expect(tf.memory().numTensors - before).toBe(5);
    again.model.dispose();
  });
});
