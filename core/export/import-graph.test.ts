import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { makeGraph } from '../compile/fixture';
import { parseGraphText } from '../graph/load';
import { customLayers } from '../nodes/custom-layers';
import { importModel } from './import-graph';
import { exportKeras } from './keras/export-keras';
import { loadRun } from '../run/load';
import { modelToFiles } from './tfjs-files';
import { largestDifference } from '../nodes/node-test-kit';

describe('import of a layers model.json', () => {
  it('gives back the recurrent init params (gain, initializer, forget bias) a Seqwire export wrote, and leaves Keras defaults out', async () => {
    const graph = makeGraph(
      {
        x: ['SequenceInput', { timesteps: 6, features: 1 }],
        rnn: ['SimpleRNN', { units: 5, recurrentGain: 0.8 }],
        lstm: ['LSTM', { units: 5, forgetBias: 3, recurrentInitializer: 'randomNormal', recurrentGain: 1.5 }],
        plain: ['LSTM', { units: 5 }],
        a: ['Output', { head: 'linear', units: 1 }],
        b: ['Output', { head: 'linear', units: 1 }],
        c: ['Output', { head: 'linear', units: 1 }],
      },
      ['x.out -> rnn.in', 'x.out -> lstm.in', 'x.out -> plain.in', 'rnn.out -> a.in', 'lstm.out -> b.in', 'plain.out -> c.in'],
    );
    const files = await modelToFiles(compileGraph(graph).model);
    const { graph: back } = await importModel(files.modelJson, files.weightData);
    const params = (id: string) => back.nodes.find((n) => n.id === id)!.params ?? {};
    expect(params('rnn')).toMatchObject({ recurrentGain: 0.8 });
    expect(params('rnn').recurrentInitializer).toBeUndefined();
    expect(params('lstm')).toMatchObject({ recurrentInitializer: 'randomNormal', forgetBias: 3 });
    expect(params('lstm').recurrentGain).toBeCloseTo(1.5, 5);
    expect(Object.keys(params('plain'))).not.toContain('forgetBias');
    expect(Object.keys(params('plain'))).not.toContain('recurrentGain');
  });

  it('a Sequential model written by tfjs becomes a graph with the same parameters and, with its weights, the same outputs', async () => {
    const model = tf.sequential({
      layers: [tf.layers.lstm({ units: 8, inputShape: [null, 3], returnSequences: true, name: 'reader' }), tf.layers.dense({ units: 4, activation: 'softmax', name: 'label' })],
    });
    const files = await modelToFiles(model);
    const { graph, weights } = await importModel(files.modelJson, files.weightData);
    expect(graph.nodes.map((n) => [n.id, n.type])).toEqual([['reader_input', 'SequenceInput'], ['reader', 'LSTM'], ['label', 'Output']]);
    expect(graph.nodes.every((n) => n.position)).toBe(true);
    const compiled = loadRun({ graph, model: weights! });
    expect(compiled.model.countParams()).toBe(model.countParams());
    expect(await largestDifference(model, compiled.model, [tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1)])).toBeLessThanOrEqual(1e-6);
  });

  it('a Functional encoder-decoder keeps the encoder state wired into the decoder', async () => {
    // Seqwire's layers, fixes and initializer, before any layer is built (as compiling a graph does).
    const { ZerosLike } = customLayers();
    const src = tf.input({ shape: [null, 3], name: 'src' });
    const tgt = tf.input({ shape: [null, 4], name: 'tgt' });
    const [, h, c] = tf.layers.lstm({ units: 6, returnState: true, name: 'enc' }).apply(src) as tf.SymbolicTensor[];
    const zeros = new ZerosLike({ name: 'zeros' }).apply(c) as tf.SymbolicTensor;
    const dec = tf.layers.lstm({ units: 6, returnSequences: true, name: 'dec' }).apply(tgt, { initialState: [h, zeros] }) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 4, name: 'out' }).apply(dec) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [src, tgt], outputs: out });
    const files = await modelToFiles(model);
    const { graph, weights } = await importModel(files.modelJson, files.weightData);
    expect(graph.edges.map((e) => `${e.source}.${e.sourceHandle} -> ${e.target}.${e.targetHandle}`)).toEqual(
      expect.arrayContaining(['enc.h -> dec.h0', 'tgt.out -> dec.in', 'dec.out -> out.in']),
    );
    expect(graph.edges.some((e) => e.targetHandle === 'c0')).toBe(false);
    const compiled = loadRun({ graph, model: weights! });
    const xs = [tf.randomNormal([2, 5, 3], 0, 1, 'float32', 2), tf.randomNormal([2, 4, 4], 0, 1, 'float32', 3)];
    expect(await largestDifference(model, compiled.model, xs)).toBeLessThanOrEqual(1e-6);
  });

  it('a 1-D CNN with masking, batch normalisation and an activation goes to tfjs and back with its parameters and outputs', async () => {
    const source = makeGraph(
      {
        x: ['SequenceInput', { timesteps: 12, features: 2 }],
        mask: ['Masking', { maskValue: 0 }],
        conv: ['Conv1D', { filters: 4, kernelSize: 3, padding: 'valid', dilationRate: 2 }],
        norm: ['BatchNorm', { momentum: 0.9 }],
        act: ['Activation', { activation: 'tanh' }],
        pool: ['MaxPool1D', { poolSize: 2 }],
        global: ['GlobalPool1D', { mode: 'average' }],
        y: ['Output', { head: 'softmax', units: 3 }],
      },
      ['x.out -> mask.in', 'mask.out -> conv.in', 'conv.out -> norm.in', 'norm.out -> act.in', 'act.out -> pool.in', 'pool.out -> global.in', 'global.out -> y.in'],
    );
    const compiled = compileGraph(source);
    const files = await modelToFiles(compiled.model);
    const { graph, weights, refused } = await importModel(files.modelJson, files.weightData);
    expect(refused).toEqual([]);
    expect(graph.nodes.map((n) => [n.id, n.type, n.params])).toEqual(source.nodes.map((n) => [n.id, n.type, expect.objectContaining(n.params)]));
    const again = loadRun({ graph, model: weights! });
    expect(again.model.countParams()).toBe(compiled.model.countParams());
    expect(await largestDifference(compiled.model, again.model, [tf.randomNormal([2, 12, 2], 0, 1, 'float32', 4)])).toBeLessThanOrEqual(1e-6);
  });

  it('an image read row by row through a Reshape goes to tfjs and back, and to Keras as layers.Reshape', async () => {
    const source = makeGraph(
      { img: ['ImageInput', { height: 6, width: 5, channels: 1 }], rows: ['Reshape', { targetShape: [6, -1] }], rnn: ['GRU', { units: 3 }], y: ['Output', { head: 'softmax', units: 2 }] },
      ['img.out -> rows.in', 'rows.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const compiled = compileGraph(source);
    const files = await modelToFiles(compiled.model);
    const { graph, refused } = await importModel(files.modelJson, files.weightData);
    expect(refused).toEqual([]);
    // The -1 is written as the size it stands for, which tfjs needs to size the GRU after it.
    expect(graph.nodes[1]).toMatchObject({ type: 'Reshape', params: { targetShape: [6, 5] } });
    expect((await exportKeras(compiled, 'm')).script).toContain('layers.Reshape((6, 5), name="rows")');
  });

  const TEMPLATES = join(__dirname, '../../assets/templates');
  for (const file of readdirSync(TEMPLATES).filter((f) => f.endsWith('.seqwire.json'))) {
    it(`${file}: its saved model.json imports back to a graph of the same parameter count`, async () => {
      const loaded = parseGraphText(readFileSync(join(TEMPLATES, file), 'utf8'));
      if (!loaded.ok) throw new Error(loaded.error);
      const compiled = compileGraph(loaded.graph);
      const files = await modelToFiles(compiled.model);
      const { graph, weights } = await importModel(files.modelJson, files.weightData);
      const again = loadRun({ graph, model: weights! });
      expect(again.model.countParams()).toBe(compiled.model.countParams());
      expect(graph.nodes).toHaveLength(compiled.model.layers.filter((l) => l.getClassName() !== 'SeqwireZerosLike').length);
    });
  }

  it('gives one line per layer it cannot take, naming it and why, and keeps the rest of the graph', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.lstm({ units: 3, inputShape: [6, 3], returnSequences: true, name: 'rnn' }),
        tf.layers.layerNormalization({ name: 'norm' }),
        tf.layers.gaussianNoise({ stddev: 0.1, name: 'noise' }),
        tf.layers.dense({ units: 2, activation: 'softmax', name: 'label' }),
      ],
    });
    const files = await modelToFiles(model);
    const { graph, refused, weights, notes } = await importModel(files.modelJson, files.weightData);
    expect(refused).toEqual(['norm: LayerNormalization is not a layer Seqwire knows', 'noise: GaussianNoise is not a layer Seqwire knows']);
    expect(graph.nodes.map((n) => n.id)).toEqual(['rnn_input', 'rnn', 'label']);
    expect(graph.edges.map((e) => `${e.source} -> ${e.target}`)).toEqual(['rnn_input -> rnn']);
    expect(weights).toBeNull();
    expect(notes.join('\n')).toMatch(/the weights were not carried over/);
  });

  it('reads a Keras 2.0.x Sequential, whose config is the bare list of its layers', async () => {
    const keras206 = {
      class_name: 'Sequential',
      keras_version: '2.0.6',
      backend: 'tensorflow',
      config: [
        { class_name: 'LSTM', config: { name: 'lstm_1', batch_input_shape: [null, 10, 4], dtype: 'float32', units: 8, activation: 'tanh', recurrent_activation: 'hard_sigmoid', use_bias: true, return_sequences: false } },
        { class_name: 'Dense', config: { name: 'dense_1', units: 3, activation: 'linear', use_bias: true } },
        { class_name: 'Activation', config: { name: 'activation_1', activation: 'softmax' } },
      ],
    };
    const { graph, refused, notes } = await importModel(keras206);
    expect(refused).toEqual([]);
    expect(graph.nodes.map((n) => [n.id, n.type])).toEqual([['lstm_1_input', 'SequenceInput'], ['lstm_1', 'LSTM'], ['dense_1', 'Output']]);
    expect(graph.nodes[2].params).toEqual({ head: 'softmax', units: 3 });
    expect(notes[0]).toBe('activation_1 (Activation softmax) is folded into dense_1, as its activation');
    expect(compileGraph(graph).model.countParams()).toBe(4 * (8 * (4 + 8) + 8) + 3 * 9);
  });

  it('reads a Keras 3 model.to_json(), its default GRU (reset_after=True) with two bias rows', async () => {
    const tensor = (layer: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 7, 2], dtype: 'float32', keras_history: [layer, 0, 0] } });
    const keras3 = {
      module: 'keras',
      class_name: 'Functional',
      config: {
        name: 'k3',
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 7, 2], dtype: 'float32', name: 'x' }, name: 'x', inbound_nodes: [] },
          { module: 'keras.layers', class_name: 'GRU', config: { name: 'gru', units: 5, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, reset_after: false }, name: 'gru', inbound_nodes: [{ args: [tensor('x')], kwargs: { training: false } }] },
          { module: 'keras.layers', class_name: 'Dense', config: { name: 'y', units: 1, activation: 'linear', use_bias: true }, name: 'y', inbound_nodes: [{ args: [tensor('gru')], kwargs: {} }] },
        ],
        input_layers: ['x', 0, 0],
        output_layers: ['y', 0, 0],
      },
    };
    const { graph, weights } = await importModel(keras3);
    expect(weights).toBeNull();
    expect(compileGraph(graph).model.countParams()).toBe(3 * (5 * (2 + 5) + 5) + 6);
    expect(graph.nodes[1].params).toMatchObject({ resetAfter: false });
    (keras3.config.layers[1].config as Record<string, unknown>).reset_after = true;
    const again = await importModel(keras3);
    expect(again.graph.nodes[1].params).toMatchObject({ resetAfter: true });
    expect(compileGraph(again.graph).model.countParams()).toBe(3 * (5 * (2 + 5) + 2 * 5) + 6);
  });
});
