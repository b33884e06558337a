import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode } from './node-test-kit';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { SimpleRNN } from './simple-rnn';

describe('recurrent state ports', () => {
  it('LSTM has h0 and c0 in, h and c out; GRU and SimpleRNN have only h0 and h', () => {
    const names = (ports: { name: string; state?: boolean }[]) => ports.map((p) => `${p.name}${p.state ? '*' : ''}`);
    const p = { units: 4 } as never;
    expect(names(LSTM.inputs(p))).toEqual(['in', 'h0*', 'c0*']);
    expect(names(LSTM.outputs(p))).toEqual(['out', 'h*', 'c*']);
    expect(names(GRU.inputs(p))).toEqual(['in', 'h0*']);
    expect(names(SimpleRNN.outputs(p))).toEqual(['out', 'h*']);
  });

  it('an LSTM gives h and c of [units] whatever returnSequences says', () => {
    expect(inferNode(LSTM, { units: 6, returnSequences: true }, { in: [float(null, 2)] }, ['h', 'c'])).toEqual({
      ok: true,
      outputs: { out: float(null, 6), h: float(6), c: float(6) },
    });
  });

  it('an LSTM given only c0 starts h at zero, and the model saves and reloads', async () => {
    const graph = makeGraph(
      {
        x: ['SequenceInput', { timesteps: 3, features: 2 }],
        v: ['VectorInput', { size: 5 }],
        cell: ['Dense', { units: 4 }],
        rnn: ['LSTM', { units: 4 }],
        y: ['Output', { head: 'linear', units: 1 }],
      },
      ['x.out -> rnn.in', 'v.out -> cell.in', 'cell.out -> rnn.c0', 'rnn.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(graph);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.layers.map((l) => l.getClassName())).toContain('SeqwireZerosLike');
    let artifacts: tf.io.ModelArtifacts | undefined;
    await compiled.model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const again = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const xs = [tf.randomNormal([2, 3, 2], 0, 1, 'float32', 4), tf.randomNormal([2, 5], 0, 1, 'float32', 5)];
    expect(Array.from((again.predict(xs) as tf.Tensor).dataSync())).toEqual(Array.from((compiled.model.predict(xs) as tf.Tensor).dataSync()));
  });

  it('a GRU state h starts another GRU, and a SimpleRNN takes h0', () => {
    const graph = makeGraph(
      {
        x: ['SequenceInput', { timesteps: null, features: 3 }],
        enc: ['GRU', { units: 5 }],
        dec: ['GRU', { units: 5, returnSequences: true }],
        rnn: ['SimpleRNN', { units: 5 }],
        y: ['Output', { head: 'linear', units: 2 }],
      },
      ['x.out -> enc.in', 'x.out -> dec.in', 'enc.h -> dec.h0', 'dec.out -> rnn.in', 'enc.h -> rnn.h0', 'rnn.out -> y.in'],
    );
    const { compiled, tfjsParams, ourParams } = compileChecked(graph);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.outputs[0].shape).toEqual([null, 2]);
  });
});
