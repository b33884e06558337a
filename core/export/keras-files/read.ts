import { strFromU8, unzipSync } from 'fflate';
import * as hdf5 from 'jsfive';

/**
 * The model files Keras users have: `.keras` (Keras 3: a zip of
 * `config.json` and `model.weights.h5`) and `.h5` (Keras 2's HDF5 with a
 * `model_config` attribute and a `model_weights` group). Both become the
 * model's JSON config plus its weights by layer name, in each layer's own
 * order (kernel, recurrent kernel, bias; a Bidirectional's forward layer
 * first), which is the order tfjs keeps them in.
 *
 * HDF5 is read by jsfive (pure JavaScript, reads from an ArrayBuffer, no
 * native build, no file system: it runs in core, in Node and in a browser);
 * the zip by fflate (pure JavaScript, small, widely used), which reports each
 * member's size before inflating it, so sizes are checked first.
 */

/** One weight array of a layer, as the file holds it (row-major). */
export interface WeightArray {
  /** Where it sits in the file, for messages. */
  path: string;
  shape: number[];
  values: Float32Array;
}

export interface KerasFile {
  /** The model config, as `model.to_json()` would give it. */
  modelJson: unknown;
  /** Weights by layer name, in the layer's order. */
  weights: Map<string, WeightArray[]>;
}

/** A `.keras` or `.h5` file that cannot be read, with the reason in words. */
export class KerasFileError extends Error {
  override name = 'KerasFileError';
}

/** The largest member of a `.keras` zip that is inflated (config or weights). */
export const MAX_ARCHIVE_MEMBER_BYTES = 1024 * 1024 * 1024;

type Group = hdf5.Group;
const isDataset = (x: unknown): x is hdf5.Dataset => x instanceof hdf5.Dataset;
const isGroup = (x: unknown): x is Group => x instanceof hdf5.Group;

/** A member of a group, or undefined when it is not there (jsfive throws for a missing name). */
function member(group: Group, name: string): Group | hdf5.Dataset | undefined {
  try {
    return group.get(name);
  } catch {
    return undefined;
  }
}

function openH5(bytes: Uint8Array, what: string): hdf5.File {
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  const signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new KerasFileError(`${what} is not an HDF5 file (it does not start with the HDF5 signature)`);
  try {
    return new hdf5.File(buffer, what);
  } catch (err) {
    throw new KerasFileError(`${what}: the HDF5 file cannot be read (${(err as Error).message})`);
  }
}

function readArray(dataset: hdf5.Dataset, path: string): WeightArray {
  let values: ArrayLike<number>;
  try {
    values = dataset.value;
  } catch (err) {
    throw new KerasFileError(`${path}: the weights cannot be read (${(err as Error).message})`);
  }
  const shape = [...dataset.shape];
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) throw new KerasFileError(`${path}: ${values.length} values for the shape [${shape}]`);
  return { path, shape, values: Float32Array.from(values) };
}

/** A string attribute; fixed-length HDF5 strings come padded with NULs. */
const text = (value: unknown): string | null => {
  const s = typeof value === 'string' ? value : value instanceof Uint8Array ? strFromU8(value) : null;
  return s === null ? null : s.replace(/\0+$/, '');
};

/** Keras 2's `.h5`: the config in the `model_config` attribute, weights listed by `layer_names` / `weight_names`. */
export function readKerasH5(bytes: Uint8Array, what = 'the .h5 file'): KerasFile {
  const file = openH5(bytes, what);
  const configText = text(file.attrs.model_config);
  if (configText === null) {
    const hint = file.keys.includes('layers') || file.attrs.layer_names ? ' (it holds only weights, as save_weights writes them: import the model.json or .keras of the same model)' : '';
    throw new KerasFileError(`${what} has no model_config attribute${hint}`);
  }
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(configText);
  } catch {
    throw new KerasFileError(`${what}: its model_config is not JSON`);
  }
  const root = member(file, 'model_weights');
  const group = isGroup(root) ? root : file;
  const weights = new Map<string, WeightArray[]>();
  const layerNames = group.attrs.layer_names;
  for (const layer of Array.isArray(layerNames) ? layerNames.map(text) : []) {
    if (!layer) continue;
    const lg = member(group, layer);
    if (!isGroup(lg)) continue;
    const names = lg.attrs.weight_names;
    const arrays = (Array.isArray(names) ? names.map(text) : []).map((name) => {
      const ds = name ? member(lg, name) : undefined;
      if (!isDataset(ds)) throw new KerasFileError(`${what}: layer "${layer}" lists the weight ${name}, which is not in the file`);
      return readArray(ds, `${layer}/${name}`);
    });
    if (arrays.length) weights.set(layer, arrays);
  }
  return { modelJson, weights };
}

/** Subgroups of a Keras 3 layer, in the order its weights come: a wrapper's forward layer before its backward one. */
const SUBGROUP_ORDER = ['cell', 'layer', 'forward_layer', 'backward_layer'];

/** A Keras 3 layer's weights: its own `vars/0..n`, then those of the layers inside it. */
function collectVars(group: Group, path: string, out: WeightArray[]): void {
  const vars = member(group, 'vars');
  if (isGroup(vars)) {
    const keys = vars.keys.filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
    for (const k of keys) {
      const ds = member(vars, k);
      if (isDataset(ds)) out.push(readArray(ds, `${path}/vars/${k}`));
    }
  }
  const rank = (k: string) => (SUBGROUP_ORDER.includes(k) ? SUBGROUP_ORDER.indexOf(k) : SUBGROUP_ORDER.length);
  const children = group.keys.filter((k) => k !== 'vars').sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const k of children) {
    const child = member(group, k);
    if (isGroup(child)) collectVars(child, `${path}/${k}`, out);
  }
}

/** Keras 3's `model.weights.h5`: `layers/<layer name>/…/vars/<i>`. */
export function readKeras3Weights(bytes: Uint8Array, what = 'model.weights.h5'): Map<string, WeightArray[]> {
  const file = openH5(bytes, what);
  const layers = member(file, 'layers') ?? member(file, '_layer_checkpoint_dependencies');
  const weights = new Map<string, WeightArray[]>();
  if (!isGroup(layers)) return weights;
  for (const name of layers.keys) {
    const group = member(layers, name);
    if (!isGroup(group)) continue;
    const arrays: WeightArray[] = [];
    collectVars(group, `layers/${name}`, arrays);
    if (arrays.length) weights.set(name, arrays);
  }
  return weights;
}

/** Keras 3's `.keras` zip: `config.json` and, when saved with weights, `model.weights.h5`. */
export function readKerasArchive(bytes: Uint8Array, what = 'the .keras file', maxMember = MAX_ARCHIVE_MEMBER_BYTES): KerasFile & { hasWeights: boolean } {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new KerasFileError(`${what} is not a zip file (a .keras file of Keras 3 is a zip)`);
  const tooBig: string[] = [];
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== 'config.json' && file.name !== 'model.weights.h5') return false;
        if (file.originalSize > maxMember || file.size > maxMember) {
          tooBig.push(`${file.name} (${file.originalSize} bytes)`);
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    throw new KerasFileError(`${what}: the zip cannot be read (${(err as Error).message})`);
  }
  if (tooBig.length) throw new KerasFileError(`${what}: ${tooBig.join(', ')} is larger than the ${maxMember} bytes Seqwire reads`);
  const config = members['config.json'];
  if (!config) throw new KerasFileError(`${what} has no config.json (is it a Keras 3 model saved with model.save?)`);
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(strFromU8(config));
  } catch {
    throw new KerasFileError(`${what}: its config.json is not JSON`);
  }
  const weightsFile = members['model.weights.h5'];
  return { modelJson, weights: weightsFile ? readKeras3Weights(weightsFile, `${what}/model.weights.h5`) : new Map(), hasWeights: !!weightsFile };
}
