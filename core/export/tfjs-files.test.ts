import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { makeGraph } from '../compile/fixture';
import { customLayers } from '../nodes/custom-layers';
import { Rng, withSeededRandom } from '../train/random';
import { decodeNamedWeights, layersNeedingSeqwire, loadWeightsByName, modelFromFiles, modelToFiles, WEIGHTS_FILE } from './tfjs-files';

/** Each model built from the next seed: fresh weights every time, the same on every run (random ones once gave a lost state too small a difference to see). */
let seed = 1;

/** An encoder whose final LSTM state starts a decoder: the link tfjs warns about. */
function seq2seq(): tf.LayersModel {
  return withSeededRandom(new Rng(seed++), buildSeq2seq);
}

function buildSeq2seq(): tf.LayersModel {
  // Seqwire's layers, fixes and initializer, before any layer is built (as compiling a graph does).
  const { ZerosLike } = customLayers();
  const src = tf.input({ shape: [6, 3], name: 'src' });
  const tgt = tf.input({ shape: [5, 4], name: 'tgt' });
  const [, h, c] = tf.layers.lstm({ units: 8, returnState: true, name: 'enc' }).apply(src) as tf.SymbolicTensor[];
  const zeros = new ZerosLike({ name: 'dec_zeros' }).apply(c) as tf.SymbolicTensor;
  const dec = tf.layers.lstm({ units: 8, returnSequences: true, name: 'dec' }).apply(tgt, { initialState: [h, zeros] }) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 4, activation: 'softmax', name: 'out' }).apply(dec) as tf.SymbolicTensor;
  return tf.model({ inputs: [src, tgt], outputs: out });
}

const inputs = () => [tf.randomNormal([2, 6, 3], 0, 1, 'float32', 1), tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2)];

async function maxDiff(a: tf.LayersModel, b: tf.LayersModel): Promise<number> {
  const xs = inputs();
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a.predict(xs) as tf.Tensor, b.predict(xs) as tf.Tensor))));
  const v = (await d.data())[0];
  tf.dispose([d, ...xs]);
  return v;
}

describe('TensorFlow.js layers files', () => {
  it('writes model.json with one weights file whose size matches the manifest', async () => {
    const model = seq2seq();
    const files = await modelToFiles(model);
    expect(files.modelJson.format).toBe('layers-model');
    expect(files.modelJson.weightsManifest?.[0].paths).toEqual([`./${WEIGHTS_FILE}`]);
    expect(files.weightData.byteLength).toBe(model.countParams() * 4);
    expect(JSON.parse(JSON.stringify(files.modelJson))).toEqual(files.modelJson);
  });

  it('reloads a model whose encoder state starts the decoder with identical predictions', async () => {
    const model = seq2seq();
    const again = await modelFromFiles(await modelToFiles(model));
    // The decoder must read the encoder's state: it has three inbound tensors, not one.
    expect(again.getLayer('dec').inboundNodes[0].inputTensors).toHaveLength(3);
    expect(await maxDiff(model, again)).toBeLessThanOrEqual(1e-6);
  });

  it('a reload whose decoder lost the encoder state would differ, so the comparison can fail', async () => {
    const model = seq2seq();
    const files = await modelToFiles(model);
    const broken = JSON.parse(JSON.stringify(files.modelJson));
    const dec = broken.modelTopology.config.layers.find((l: { name: string }) => l.name === 'dec');
    // The decoder's h0 now comes from the zeros instead of the encoder.
    dec.inbound_nodes[0][1] = ['dec_zeros', 0, 0, {}];
    const lost = await modelFromFiles({ ...files, modelJson: broken });
    expect(await maxDiff(model, lost)).toBeGreaterThan(1e-3);
  });

  it('loads weights by name into a model built again', async () => {
    const model = seq2seq();
    const files = await modelToFiles(model);
    const fresh = seq2seq();
    expect(await maxDiff(model, fresh)).toBeGreaterThan(1e-3);
    loadWeightsByName(fresh, files);
    expect(await maxDiff(model, fresh)).toBeLessThanOrEqual(1e-6);
  });

  it('refuses weights that do not belong to the model, naming them', async () => {
    const files = await modelToFiles(seq2seq());
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'lonely' })] });
    expect(() => loadWeightsByName(other, files)).toThrow(/lonely\/kernel/);
    expect(() => decodeNamedWeights({ ...files, weightData: files.weightData.slice(4) })).toThrow(/do not belong together/);
  });
});

describe('layersNeedingSeqwire', () => {
  it('names the layers plain TensorFlow.js cannot load (a reset-after GRU, also inside Bidirectional) and none for a plain model', async () => {
    const graph = makeGraph(
      { x: ['SequenceInput', { timesteps: 4, features: 2 }], a: ['GRU', { units: 3, resetAfter: true, returnSequences: true }], b: ['GRU', { units: 3, resetAfter: true, bidirectional: 'sum' }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> a.in', 'a.out -> b.in', 'b.out -> y.in'],
    );
    const files = await modelToFiles(compileGraph(graph).model);
    expect(layersNeedingSeqwire(files.modelJson)).toEqual([
      "a (SeqwireGRU: Keras's GRU with reset_after=True, which TensorFlow.js refuses)",
      "b_cell (SeqwireGRU: Keras's GRU with reset_after=True, which TensorFlow.js refuses)",
    ]);
    graph.nodes[1].params = { units: 3, returnSequences: true };
    graph.nodes[2].params = { units: 3 };
    expect(layersNeedingSeqwire((await modelToFiles(compileGraph(graph).model)).modelJson)).toEqual([]);
  });
});
