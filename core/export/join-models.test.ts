import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../validate/analyze';
import { importModel } from './import-graph';
import { joinModels } from './join-models';
import { loadRun } from '../run/load';
import { modelToFiles } from './tfjs-files';

/** Keras's seq2seq inference pair: an encoder giving its states, a decoder starting from states it takes as inputs. */
function encoderDecoder() {
  const src = tf.input({ shape: [null, 3], name: 'encoder_inputs' });
  const [, h, c] = tf.layers.lstm({ units: 5, returnState: true, name: 'lstm' }).apply(src) as tf.SymbolicTensor[];
  const encoder = tf.model({ inputs: src, outputs: [h, c], name: 'encoder_model' });
  const tgt = tf.input({ shape: [null, 4], name: 'decoder_inputs' });
  const hIn = tf.input({ shape: [5], name: 'state_h' });
  const cIn = tf.input({ shape: [5], name: 'state_c' });
  const [seq, hOut, cOut] = tf.layers.lstm({ units: 5, returnSequences: true, returnState: true, name: 'lstm' }).apply(tgt, { initialState: [hIn, cIn] }) as tf.SymbolicTensor[];
  const probs = tf.layers.dense({ units: 4, activation: 'softmax', name: 'decoder_dense' }).apply(seq) as tf.SymbolicTensor;
  const decoder = tf.model({ inputs: [tgt, hIn, cIn], outputs: [probs, hOut, cOut], name: 'decoder_model' });
  return { encoder, decoder };
}

describe('joining an encoder and a decoder imported from two files', () => {
  it('imports an encoder whose outputs are its states as a graph with ModelOutputs that says it cannot train alone', async () => {
    const { encoder } = encoderDecoder();
    const files = await modelToFiles(encoder);
    const result = await importModel(files.modelJson, files.weightData);
    expect(result.refused).toEqual([]);
    expect(result.graph.nodes.map((n) => n.type)).toEqual(['SequenceInput', 'LSTM', 'ModelOutput', 'ModelOutput']);
    expect(result.graph.edges.map((e) => `${e.source}.${e.sourceHandle} -> ${e.target}`)).toEqual(expect.arrayContaining(['lstm.h -> output_0', 'lstm.c -> output_1']));
    expect(analyzeGraph(result.graph).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['no-output']);
    expect(result.notes.join('\n')).toMatch(/cannot train alone; join it/);
  });

  it('gives one seq2seq graph that predicts what the encoder and decoder give when run one after the other', async () => {
    const { encoder, decoder } = encoderDecoder();
    const [encFiles, decFiles] = [await modelToFiles(encoder), await modelToFiles(decoder)];
    const joined = await joinModels(await importModel(encFiles.modelJson, encFiles.weightData), await importModel(decFiles.modelJson, decFiles.weightData));
    expect(joined.refused).toEqual([]);
    // Both LSTMs are named "lstm" in their own files, so the decoder's is renamed.
    expect(joined.graph.edges.map((e) => `${e.source}.${e.sourceHandle} -> ${e.target}.${e.targetHandle}`)).toEqual(
      expect.arrayContaining(['lstm.h -> lstm_dec.h0', 'lstm.c -> lstm_dec.c0', 'decoder_inputs.out -> lstm_dec.in', 'lstm_dec.out -> decoder_dense.in']),
    );
    expect(joined.graph.nodes.some((n) => n.id === 'state_h' || n.id === 'output_0')).toBe(false);
    expect(joined.notes).toContain('decoder nodes renamed: lstm -> lstm_dec');
    const compiled = loadRun({ graph: joined.graph, model: joined.weights! });
    expect(compiled.model.countParams()).toBe(encoder.countParams() + decoder.countParams());
    const xe = tf.randomNormal([2, 6, 3], 0, 1, 'float32', 1);
    const xd = tf.randomNormal([2, 4, 4], 0, 1, 'float32', 2);
    const [h, c] = encoder.predict(xe) as tf.Tensor[];
    const expected = (decoder.predict([xd, h, c]) as tf.Tensor[])[0];
    const got = compiled.model.predict([xe, xd]) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(got, expected))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
  });

  it('says how many values each side has when they do not pair up', async () => {
    const { decoder } = encoderDecoder();
    const x = tf.input({ shape: [null, 3], name: 'x' });
    const [, h] = tf.layers.gru({ units: 5, returnState: true, name: 'g' }).apply(x) as tf.SymbolicTensor[];
    const gruEncoder = tf.model({ inputs: x, outputs: h });
    const [e, d] = [await modelToFiles(gruEncoder), await modelToFiles(decoder)];
    await expect(joinModels(await importModel(e.modelJson, e.weightData), await importModel(d.modelJson, d.weightData))).rejects.toThrow(
      /gives 1 value \(output_0\) but the decoder "decoder_model" takes 2 initial states from its inputs \(state_h, state_c\)/,
    );
  });
});
