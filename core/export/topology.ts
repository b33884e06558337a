/**
 * A layers model's topology in one normal form, whichever file it came from:
 * a TensorFlow.js `model.json` (written by tfjs or by its Keras converter), or
 * the JSON of `model.to_json()` from Keras 2 or Keras 3; Sequential or
 * Functional. The Keras exporter and the importer both read this form.
 */

/** Output `tensor` of the `node`-th call of layer `layer`. */
export interface TopoRef {
  layer: string;
  node: number;
  tensor: number;
}

export interface TopoLayer {
  name: string;
  className: string;
  /** The layer's config as saved (snake_case keys, as Keras writes them). */
  config: Record<string, unknown>;
  /** The tensors of each call of the layer; empty for inputs. Recurrent initial states follow the input. */
  calls: TopoRef[][];
}

export interface Topology {
  name: string;
  /** In an order where every layer comes after the layers it reads. */
  layers: TopoLayer[];
  inputs: TopoRef[];
  outputs: TopoRef[];
}

/** A model file that is not a layers model this reader understands, said in words. */
export class TopologyError extends Error {
  override name = 'TopologyError';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds the model config in any of the wrappings and reads it. */
export function readTopology(json: unknown): Topology {
  if (!isObj(json)) throw new TopologyError('not a model file: the JSON must be an object');
  let top: unknown = json;
  if (isObj(json.modelTopology)) top = json.modelTopology;
  if (isObj(top) && isObj(top.model_config)) top = top.model_config;
  if (typeof top === 'string') top = parseNested(top);
  // Keras 2.0.x wrote a Sequential's config as the bare list of its layers.
  if (isObj(top) && top.class_name === 'Sequential' && Array.isArray(top.config)) top = { ...top, config: { name: 'sequential', layers: top.config } };
  if (!isObj(top) || typeof top.class_name !== 'string' || !isObj(top.config)) {
    throw new TopologyError('not a layers model: no "modelTopology" or Keras "class_name"/"config" found (a graph model converted for tfjs cannot be imported)');
  }
  const config = top.config as Obj;
  const name = typeof config.name === 'string' ? config.name : 'imported';
  if (top.class_name === 'Sequential') return readSequential(name, config);
  if (top.class_name === 'Model' || top.class_name === 'Functional') return readFunctional(name, config);
  throw new TopologyError(`the model is a ${top.class_name}; only Sequential and Functional models can be imported`);
}

/** A model config kept as a JSON string inside another JSON (as some converters write `model_config`). */
function parseNested(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TopologyError('not a layers model: its model config is a string that is not JSON');
  }
}

/** A dtype as a name: Keras 3 may write a dtype policy object (`{class_name: "DTypePolicy", config: {name}}`). */
export function dtypeName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObj(value) && isObj(value.config) && typeof value.config.name === 'string') return value.config.name;
  return 'float32';
}

function layerList(config: Obj): Obj[] {
  const layers = Array.isArray(config) ? config : config.layers;
  if (!Array.isArray(layers) || !layers.every(isObj)) throw new TopologyError('the model config has no list of layers');
  return layers as Obj[];
}

function baseLayer(raw: Obj, index: number): TopoLayer {
  const config = isObj(raw.config) ? raw.config : {};
  const className = typeof raw.class_name === 'string' ? raw.class_name : '?';
  const name = typeof raw.name === 'string' ? raw.name : typeof config.name === 'string' ? config.name : `layer_${index}`;
  return { name, className, config, calls: [] };
}

function readSequential(name: string, config: Obj): Topology {
  const raws = layerList(config);
  const layers: TopoLayer[] = [];
  let previous: TopoRef | null = null;
  raws.forEach((raw, i) => {
    const layer = baseLayer(raw, i);
    if (layer.className === 'InputLayer') {
      if (previous) throw new TopologyError(`Sequential model: input layer "${layer.name}" is not the first layer`);
      layers.push(layer);
      previous = { layer: layer.name, node: 0, tensor: 0 };
      return;
    }
    if (!previous) {
      // Keras 2 and tfjs keep the input shape on the first layer; Keras makes an input layer of it.
      const shape = layer.config.batch_input_shape ?? layer.config.batch_shape;
      if (!Array.isArray(shape)) throw new TopologyError(`Sequential model: the first layer "${layer.name}" does not say its input shape`);
      const input: TopoLayer = { name: `${layer.name}_input`, className: 'InputLayer', config: { batch_input_shape: shape, dtype: layer.config.dtype ?? 'float32' }, calls: [] };
      layers.push(input);
      previous = { layer: input.name, node: 0, tensor: 0 };
    }
    layer.calls = [[previous]];
    layers.push(layer);
    previous = { layer: layer.name, node: 0, tensor: 0 };
  });
  if (!previous || layers.length < 2) throw new TopologyError('the Sequential model has no layers');
  return { name, layers, inputs: [{ layer: layers[0].name, node: 0, tensor: 0 }], outputs: [previous] };
}

function readFunctional(name: string, config: Obj): Topology {
  const layers = layerList(config).map((raw, i) => {
    const layer = baseLayer(raw, i);
    const inbound = Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes : [];
    layer.calls = inbound.map((node) => readCall(node, layer.name));
    return layer;
  });
  return { name, layers: topoSort(layers), inputs: readRefList(config.input_layers, 'input_layers'), outputs: readRefList(config.output_layers, 'output_layers') };
}

/** One call: Keras 2 / tfjs `[[layer, node, tensor, kwargs], ...]`, or Keras 3 `{args, kwargs}` holding `__keras_tensor__`s. */
function readCall(node: unknown, layerName: string): TopoRef[] {
  if (Array.isArray(node)) return node.map((entry) => toRef(entry, `layer "${layerName}"`));
  if (isObj(node)) {
    const refs: TopoRef[] = [];
    collectKerasTensors(node.args, refs);
    if (isObj(node.kwargs)) collectKerasTensors(node.kwargs.initial_state, refs);
    return refs;
  }
  throw new TopologyError(`layer "${layerName}": an inbound node is neither a list nor an object`);
}

function collectKerasTensors(value: unknown, out: TopoRef[]): void {
  if (Array.isArray(value)) value.forEach((v) => collectKerasTensors(v, out));
  else if (isObj(value) && value.class_name === '__keras_tensor__' && isObj(value.config)) out.push(toRef(value.config.keras_history, 'a Keras tensor'));
}

function toRef(entry: unknown, where: string): TopoRef {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw new TopologyError(`${where}: a link is not [layer, node, tensor]`);
  return { layer: entry[0], node: Number(entry[1] ?? 0), tensor: Number(entry[2] ?? 0) };
}

function readRefList(value: unknown, field: string): TopoRef[] {
  if (!Array.isArray(value) || !value.length) throw new TopologyError(`the model config has no ${field}`);
  // Keras 3 writes a single input or output as one ref, not a list of refs.
  if (typeof value[0] === 'string') return [toRef(value, field)];
  return value.map((v) => toRef(v, field));
}

/** Layers in an order where each follows what it reads (files are written that way, but nothing promises it). */
function topoSort(layers: TopoLayer[]): TopoLayer[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const out: TopoLayer[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (layer: TopoLayer) => {
    const s = state.get(layer.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new TopologyError(`the layers form a loop through "${layer.name}"`);
    state.set(layer.name, 'visiting');
    for (const ref of layer.calls.flat()) {
      const source = byName.get(ref.layer);
      if (!source) throw new TopologyError(`layer "${layer.name}" reads from "${ref.layer}", which is not in the model`);
      visit(source);
    }
    state.set(layer.name, 'done');
    out.push(layer);
  };
  layers.forEach(visit);
  return out;
}
