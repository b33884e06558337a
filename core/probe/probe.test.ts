import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { makeGraph } from '../compile/fixture';
import { createRng } from '../random';
import { probe, ProbeError } from './probe';

const T = 7;
const F = 3;

function randomInput(seed: number, shape: number[]): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, () => rng.next() * 2 - 1), shape);
}

/** A graph of one recurrent node between a sequence input and a linear head. */
function oneCell(type: string, params: Record<string, unknown>) {
  return compileGraph(
    makeGraph(
      { seq: ['SequenceInput', { timesteps: T, features: F }], rnn: [type, { units: 5, returnSequences: true, ...params }], head: ['Output', { head: 'linear', units: 2 }] },
      ['seq.out -> rnn.in', 'rnn.out -> head.in'],
    ),
  );
}

const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('probe', () => {
  for (const cell of ['LSTM', 'GRU', 'SimpleRNN']) {
    for (const goBackwards of [false, true]) {
      it(`${cell}${goBackwards ? ' read backwards' : ''}: the traced h at every step equals the layer's own output within 1e-5`, () => {
        const compiled = oneCell(cell, { goBackwards });
        const x = randomInput(3, [1, T, F]);
        const result = probe(compiled, [x]);
        const out = result.wires.find((w) => w.wire === 'rnn.out')!;
        expect(out.shape).toEqual([T, 5]);
        const [traced] = result.cells;
        expect(traced.nodeId).toBe('rnn');
        expect(traced.steps).toBe(T);
        // tfjs gives a backwards layer's outputs in the order it read them: last input step first.
        const order = goBackwards ? [...traced.h].reverse() : traced.h;
        expect(maxDiff(order.flat(), out.values)).toBeLessThan(1e-5);
        tf.dispose(x);
        compiled.model.dispose();
      });
    }
  }

  it('traces a reset-after GRU (as Keras 2+ has it) equal to its own output within 1e-5', () => {
    const compiled = oneCell('GRU', { resetAfter: true });
    expect(compiled.model.layers.some((l) => l.getClassName() === 'SeqwireGRU')).toBe(true);
    const x = randomInput(4, [1, T, F]);
    const result = probe(compiled, [x]);
    const out = result.wires.find((w) => w.wire === 'rnn.out')!;
    const [traced] = result.cells;
    expect(traced.cell).toBe('GRU');
    expect(maxDiff(traced.h.flat(), out.values)).toBeLessThan(1e-5);
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('gives LSTM gates i, f, o, g in [0, 1] (g in [-1, 1]) and a cell state that follows c = f*c + i*g', () => {
    const compiled = oneCell('LSTM', {});
    const x = randomInput(5, [1, T, F]);
    const [lstm] = probe(compiled, [x]).cells;
    expect(Object.keys(lstm.gates).sort()).toEqual(['f', 'g', 'i', 'o']);
    for (const g of ['i', 'f', 'o']) expect(lstm.gates[g].flat().every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let t = 1; t < T; t++) {
      for (let j = 0; j < 5; j++) {
        const expected = lstm.gates.f[t][j] * lstm.c![t - 1][j] + lstm.gates.i[t][j] * lstm.gates.g[t][j];
        expect(lstm.c![t][j]).toBeCloseTo(expected, 6);
      }
    }
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('traces both directions of a bidirectional GRU, each equal to its half of the concatenated output', () => {
    const compiled = oneCell('GRU', { bidirectional: 'concat' });
    const x = randomInput(7, [1, T, F]);
    const result = probe(compiled, [x]);
    const out = result.wires.find((w) => w.wire === 'rnn.out')!;
    expect(out.shape).toEqual([T, 10]);
    const [fwd, bwd] = result.cells;
    expect([fwd.direction, bwd.direction]).toEqual(['forward', 'backward']);
    for (let t = 0; t < T; t++) {
      const row = out.values.slice(t * 10, t * 10 + 10);
      expect(maxDiff(fwd.h[t], row.slice(0, 5))).toBeLessThan(1e-5);
      // The wrapper turns the backward outputs round again, so step t is the state after reading input t.
      expect(maxDiff(bwd.h[t], row.slice(5))).toBeLessThan(1e-5);
    }
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('traces every layer of a Stack, the top one equal to the Stack output, and starts a decoder from its h0/c0 wires', () => {
    const compiled = compileGraph(
      makeGraph(
        {
          seq: ['SequenceInput', { timesteps: T, features: F }],
          stack: ['Stack', { cell: 'LSTM', layers: 3, units: 4, returnSequences: true }],
          enc: ['LSTM', { units: 6 }],
          dec: ['LSTM', { units: 6, returnSequences: true }],
          head: ['Output', { head: 'linear', units: 2 }],
        },
        ['seq.out -> stack.in', 'seq.out -> enc.in', 'enc.h -> dec.h0', 'enc.c -> dec.c0', 'stack.out -> dec.in', 'dec.out -> head.in'],
      ),
    );
    const x = randomInput(11, [1, T, F]);
    const result = probe(compiled, [x]);
    const stackCells = result.cells.filter((c) => c.nodeId === 'stack');
    expect(stackCells.map((c) => c.layer)).toEqual(['stack_1', 'stack_2', 'stack_3']);
    const stackOut = result.wires.find((w) => w.wire === 'stack.out')!;
    expect(maxDiff(stackCells[2].h.flat(), stackOut.values)).toBeLessThan(1e-5);
    const dec = result.cells.find((c) => c.nodeId === 'dec')!;
    const decOut = result.wires.find((w) => w.wire === 'dec.out')!;
    expect(maxDiff(dec.h.flat(), decOut.values)).toBeLessThan(1e-5);
    // The encoder's last state is what the decoder started from.
    const enc = result.cells.find((c) => c.nodeId === 'enc')!;
    expect(maxDiff(enc.h[T - 1], result.wires.find((w) => w.wire === 'enc.h')!.values)).toBeLessThan(1e-6);
    tf.dispose(x);
    compiled.model.dispose();
  });

  it('gives attention weights whose rows sum to 1, one row per query step', () => {
    const compiled = compileGraph(
      makeGraph(
        {
          src: ['SequenceInput', { timesteps: 6, features: F }],
          tgt: ['SequenceInput', { timesteps: 4, features: F }],
          enc: ['LSTM', { units: 5, returnSequences: true }],
          dec: ['LSTM', { units: 5, returnSequences: true }],
          att: ['Attention', {}],
          head: ['Output', { head: 'linear', units: 2 }],
        },
        ['src.out -> enc.in', 'tgt.out -> dec.in', 'dec.out -> att.query', 'enc.out -> att.values', 'att.out -> head.in'],
      ),
    );
    const inputs = [randomInput(1, [1, 6, F]), randomInput(2, [1, 4, F])];
    const [att] = probe(compiled, inputs, { nodes: ['att'] }).attention;
    expect(att.weights).toHaveLength(4);
    for (const row of att.weights) {
      expect(row).toHaveLength(6);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    tf.dispose(inputs);
    compiled.model.dispose();
  });

  it('names a wire that does not exist', () => {
    const compiled = oneCell('SimpleRNN', {});
    const x = randomInput(1, [1, T, F]);
    expect(() => probe(compiled, [x], { wires: ['rnn.nope'] })).toThrow(ProbeError);
    expect(() => probe(compiled, [x], { wires: ['rnn.nope'] })).toThrow(/rnn\.nope/);
    tf.dispose(x);
    compiled.model.dispose();
  });
});
