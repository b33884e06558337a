import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { customLayers } from '../nodes/custom-layers';

/** The name of the weights file beside `model.json`, as `tfjs-node`'s `file://` writer names it. */
export const WEIGHTS_FILE = 'weights.bin';

/** The part of a TensorFlow.js `model.json` this module reads; anything else is kept as is. */
export const zWeightSpec = z.looseObject({
  name: z.string(),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
});
export const zModelJson = z.looseObject({
  modelTopology: z.record(z.string(), z.unknown()),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  weightsManifest: z.array(z.looseObject({ paths: z.array(z.string()), weights: z.array(zWeightSpec) })).optional(),
});
export type ModelJson = z.infer<typeof zModelJson>;

/** A model in the TensorFlow.js layers format: the text of `model.json` and its one weights file. */
export interface ModelFiles {
  modelJson: ModelJson;
  /** The bytes of `weights.bin` (the path the manifest names). */
  weightData: Uint8Array;
}

/**
 * Serialises a model into the TensorFlow.js layers format in memory, on any
 * host (no `tfjs-node`, no browser): the caller writes the two files. The
 * result loads with plain `tf.loadLayersModel`.
 */
export async function modelToFiles(model: tf.LayersModel, generatedBy = 'Seqwire'): Promise<ModelFiles> {
  let files: ModelFiles | null = null;
  await withoutInitialStateWarning(() =>
    model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = new Uint8Array(artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0));
        const manifest: tf.io.WeightsManifestConfig = [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }];
        const json = {
          modelTopology: artifacts.modelTopology,
          format: artifacts.format ?? 'layers-model',
          generatedBy,
          convertedBy: null,
          weightsManifest: manifest,
          ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
          ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
        };
        files = { modelJson: zModelJson.parse(JSON.parse(JSON.stringify(json))), weightData };
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    ),
  );
  if (!files) throw new Error('tfjs did not call the save handler');
  return files;
}

/** The note beside a tfjs export that holds Seqwire's own layer classes (README.txt), followed by the layers. */
export const NEEDS_SEQWIRE_NOTE =
  "This model.json needs Seqwire's layer classes to load: plain TensorFlow.js (tf.loadLayersModel) stops with \"Unknown layer\" at these layers. Seqwire reads it as it is; the Keras export (seqwire export --keras) writes them as standard Keras layers.";

/** What Seqwire's own layer classes are, for the note that a tfjs export needs them. */
const OWN_LAYERS: Record<string, string> = {
  SeqwireGRU: "Keras's GRU with reset_after=True, which TensorFlow.js refuses",
  SeqwireDotAttention: "Keras's dot-product Attention",
  SeqwireZerosLike: 'a zeros initial state',
};

/**
 * The layers of a `model.json` that only load where Seqwire's layer classes
 * are registered (plain `tf.loadLayersModel` says "Unknown layer"), as
 * `name (Class: what it is)`; empty when plain TensorFlow.js loads it.
 */
export function layersNeedingSeqwire(modelJson: ModelJson): string[] {
  const found: string[] = [];
  const visit = (value: unknown, name: string | null): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, name));
    else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      const cls = o.class_name;
      const config = o.config as Record<string, unknown> | undefined;
      const own = typeof config?.name === 'string' ? config.name : (name ?? '?');
      if (typeof cls === 'string' && cls in OWN_LAYERS) found.push(`${own} (${cls}: ${OWN_LAYERS[cls]})`);
      for (const v of Object.values(o)) visit(v, typeof config?.name === 'string' ? config.name : name);
    }
  };
  visit(modelJson.modelTopology, null);
  return found;
}

/** The weight specs of a `model.json`, in file order (one weights file or several shards joined). */
export function weightSpecsOf(modelJson: ModelJson): tf.io.WeightsManifestEntry[] {
  return (modelJson.weightsManifest ?? []).flatMap((group) => group.weights as tf.io.WeightsManifestEntry[]);
}

/** How many bytes the weights a `model.json` describes take, all shards together. */
export function weightBytesOf(modelJson: ModelJson): number {
  return weightSpecsOf(modelJson).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * bytesPer(s.dtype), 0);
}

/** The shard paths a `model.json` names, in the order their bytes join. */
export function weightPathsOf(modelJson: ModelJson): string[] {
  return (modelJson.weightsManifest ?? []).flatMap((group) => group.paths);
}

/** Rebuilds a model from the files alone, as `tf.loadLayersModel` would from disk. */
export async function modelFromFiles(files: ModelFiles): Promise<tf.LayersModel> {
  // The project's own layer classes and initializer, registered so that models using them reload.
  customLayers();
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: files.modelJson.modelTopology,
      weightSpecs: weightSpecsOf(files.modelJson),
      weightData: toArrayBuffer(files.weightData),
    }),
  );
}

/** The weights of the files by name (e.g. `rnn/kernel`); the caller disposes them. */
export function decodeNamedWeights(files: ModelFiles): tf.NamedTensorMap {
  const specs = weightSpecsOf(files.modelJson);
  const expected = weightBytesOf(files.modelJson);
  if (files.weightData.byteLength !== expected) {
    throw new ModelFileError(`the weights file holds ${files.weightData.byteLength} bytes but model.json describes ${expected}; the two files do not belong together`);
  }
  return tf.io.decodeWeights(toArrayBuffer(files.weightData), specs);
}

/**
 * Loads the weights of the files into a model built some other way (e.g.
 * compiled again from the graph saved beside them), matching by weight name.
 * Every weight of the model must be found, with its shape.
 */
export function loadWeightsByName(model: tf.LayersModel, files: ModelFiles): void {
  const named = decodeNamedWeights(files);
  try {
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const w of model.weights) {
      const value = named[w.originalName];
      if (!value) missing.push(w.originalName);
      else if (!tf.util.arraysEqual(value.shape, w.shape as number[])) wrong.push(`${w.originalName} is [${value.shape}] in the file but [${w.shape}] in the model`);
    }
    if (missing.length || wrong.length) {
      const lines = [...(missing.length ? [`weights missing from the file: ${missing.join(', ')}`] : []), ...wrong];
      throw new ModelFileError(`the weights do not fit the model:\n${lines.join('\n')}`);
    }
    const tensors = model.weights.map((w) => named[w.originalName]);
    tf.tidy(() => model.weights.forEach((w, i) => w.write(tensors[i])));
  } finally {
    tf.dispose(Object.values(named));
  }
}

/** A model file that cannot be used, with the reason in words. */
export class ModelFileError extends Error {}

const bytesPer = (dtype: string) => (dtype === 'float32' || dtype === 'int32' ? 4 : dtype === 'bool' ? 1 : 8);

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}

/**
 * tfjs warns, on every save, that the `initialState` keyword of an RNN call is
 * not serialised. The state tensors are still saved as extra inbound tensors
 * of the layer, which tfjs reads back as initial states (the round-trip tests
 * check it), so the warning only misleads; this hides that one message.
 */
async function withoutInitialStateWarning<T>(run: () => Promise<T>): Promise<T> {
  // core has no DOM lib, so `console` is reached through globalThis.
  const con = (globalThis as unknown as { console: { warn: (...args: unknown[]) => void } }).console;
  const warn = con.warn;
  con.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('non-serializable keyword arguments')) return;
    warn(...args);
  };
  try {
    return await run();
  } finally {
    con.warn = warn;
  }
}
