import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import { sanitize } from '../compile/layer-names';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode } from '../graph/schema';
import { hasRole } from '../nodes/registry';
import { analyzeGraph } from '../validate/analyze';
import { KNOWN_LAYERS, nodeFromLayer } from './import-layers';
import { simplifyTopology } from './simplify-topology';
import { decodeNamedWeights, modelToFiles, zModelJson, type ModelFiles } from './tfjs-files';
import { readTopology, type TopoLayer, type Topology } from './topology';

/** Why a model file cannot become a graph: every layer that does not fit, in one message. */
export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportResult {
  graph: Graph;
  /** The weights in the layout of the new graph (layer names from node ids), when the file came with them. */
  weights: ModelFiles | null;
  notes: string[];
  /** One line per layer that has no node (naming it and why); the graph holds the rest, without their wires. */
  refused: string[];
  /** The file's weights as it had them, by layer name (node id), for joining models (`joinModels`). */
  sourceWeights: LayerWeights | null;
}

/** Weights of a model file by layer name, in each layer's own order (as tfjs and Keras keep them). */
export type LayerWeights = Map<string, { path: string; shape: number[]; values: Float32Array }[]>;

const STATE_PORTS = ['out', 'h', 'c'];

/**
 * Turns a Keras or TensorFlow.js layers `model.json` (Sequential or
 * Functional) into a Seqwire graph laid out for the canvas. With `weightData`
 * (the bytes of the shards the manifest names, joined), the trained weights
 * are carried over and checked layer by layer.
 */
export async function importModel(json: unknown, weightData?: Uint8Array): Promise<ImportResult> {
  const parsed = zModelJson.safeParse(json);
  if (!weightData || !parsed.success || !parsed.data.weightsManifest) return importLayers(json, null);
  const named = decodeNamedWeights({ modelJson: parsed.data, weightData });
  try {
    const byLayer: LayerWeights = new Map();
    for (const [name, tensor] of Object.entries(named)) {
      const layer = name.split('/')[0];
      byLayer.set(layer, [...(byLayer.get(layer) ?? []), { path: name, shape: tensor.shape, values: tensor.dataSync() as Float32Array }]);
    }
    return await importLayers(json, byLayer);
  } finally {
    tf.dispose(Object.values(named));
  }
}

/**
 * A model config (any of the forms `readTopology` reads) and, when the file
 * had them, its weights by layer, as a graph. Layers Seqwire cannot take are
 * listed in `refused`, and the graph keeps the rest; weights are carried only
 * when every layer was taken.
 */
export async function importLayers(json: unknown, weights: LayerWeights | null): Promise<ImportResult> {
  const { topology, notes } = simplifyTopology(readTopology(json));
  const { graph, refused } = graphFromTopology(topology);
  const sourceWeights = weights && weights.size ? weights : null;
  if (refused.length) {
    notes.push(KNOWN_LAYERS);
    notes.push(weights ? 'the weights were not carried over, since some layers have no node' : 'the file holds no weights');
    return { graph, weights: null, notes, refused, sourceWeights };
  }
  return finishImport(graph, sourceWeights, notes);
}

/**
 * Checks an imported (or joined) graph and carries the weights onto it. A
 * graph whose outputs are all ModelOutputs (an encoder giving its states) is
 * kept as it is, with its weights as the file had them, for joining.
 */
export async function finishImport(graph: Graph, sourceWeights: LayerWeights | null, notes: string[]): Promise<ImportResult> {
  const analysis = analyzeGraph(graph);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  const headless = errors.length === 1 && errors[0].code === 'no-output' && graph.nodes.some((n) => n.type === 'ModelOutput');
  if (headless) {
    notes.push('its outputs are not heads (ModelOutput, no loss): it cannot train alone; join it with the model that reads them (seqwire join)');
    return { graph, weights: null, notes, refused: [], sourceWeights };
  }
  if (errors.length) throw new ImportError(`the imported layers do not make a valid Seqwire graph:\n${errors.map((d) => `${d.nodeId || '(graph)'}: ${d.message}`).join('\n')}`);
  let carried: ModelFiles | null = null;
  if (sourceWeights) {
    carried = await carryWeights(graph, sourceWeights);
    notes.push('the trained weights were kept');
  } else notes.push('the file holds no weights: the graph starts untrained');
  return { graph, weights: carried, notes, refused: [], sourceWeights };
}

/** The graph of a topology; every layer Seqwire cannot take is a line in `refused`, and the graph keeps the rest. */
export function graphFromTopology(topology: Topology): { graph: Graph; refused: string[] } {
  const byName = new Map(topology.layers.map((l) => [l.name, l]));
  const outputLayers = new Set(topology.outputs.map((r) => r.layer));
  const consumers = new Map<string, TopoLayer[]>();
  for (const layer of topology.layers) for (const ref of layer.calls.flat()) consumers.set(ref.layer, [...(consumers.get(ref.layer) ?? []), layer]);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const refused: string[] = [];
  for (const layer of topology.layers) {
    if (layer.className === 'SeqwireZerosLike') continue;
    if (layer.calls.length > 1) {
      refused.push(`${layer.name}: a layer applied ${layer.calls.length} times (shared weights) has no Seqwire node`);
      continue;
    }
    const calls = layer.calls[0] ?? [];
    const made = nodeFromLayer({
      layer,
      isModelOutput: outputLayers.has(layer.name),
      calls,
      layerClass: (name) => byName.get(name)?.className,
      readers: consumers.get(layer.name) ?? [],
    });
    if ('problems' in made) {
      refused.push(`${layer.name}: ${made.problems.join('; ')}`);
      continue;
    }
    nodes.push({ id: layer.name, type: made.type, params: made.params });
    calls.forEach((ref, i) => {
      const port = made.ports[i];
      if (!port) return;
      edges.push({ id: `e${edges.length + 1}`, source: ref.layer, sourceHandle: STATE_PORTS[ref.tensor] ?? 'out', target: layer.name, targetHandle: port });
    });
  }
  // A model output that is not a head (an encoder's states) gets a ModelOutput marker: no loss, and what a join connects.
  const taken = new Set(nodes.map((n) => n.id));
  topology.outputs.forEach((ref, i) => {
    const source = nodes.find((n) => n.id === ref.layer);
    if (!source || hasRole(source.type, 'head')) return;
    let id = `output_${i}`;
    while (taken.has(id)) id = `${id}_`;
    taken.add(id);
    nodes.push({ id, type: 'ModelOutput', params: {} });
    edges.push({ id: `e${edges.length + 1}`, source: ref.layer, sourceHandle: STATE_PORTS[ref.tensor] ?? 'out', target: id, targetHandle: 'in' });
  });
  // Wires from a refused layer have nothing to start from; the nodes they fed show the missing input.
  const ids = new Set(nodes.map((n) => n.id));
  const kept = edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e, i) => ({ ...e, id: `e${i + 1}` }));
  layOut(nodes, kept);
  return { graph: { format: GRAPH_FORMAT, version: GRAPH_VERSION, name: topology.name, nodes, edges: kept }, refused };
}

/** Columns by depth from the inputs, rows in file order: a readable left-to-right layout. */
export function layOut(nodes: GraphNode[], edges: GraphEdge[]): void {
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    if (depth.has(id)) return depth.get(id)!;
    const sources = edges.filter((e) => e.target === id).map((e) => e.source);
    const d = sources.length ? Math.max(...sources.map(depthOf)) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  for (const node of nodes) {
    const d = depthOf(node.id);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    node.position = { x: d * 260, y: row * 140 };
  }
}

/**
 * The file's weights moved onto the graph's compiled model, layer by layer
 * in order (a Bidirectional's inner layer may carry another name), with
 * shapes checked; returned in the tfjs layers format of the new model.
 */
async function carryWeights(graph: Graph, weights: LayerWeights): Promise<ModelFiles> {
  const compiled = compileGraph(graph);
  try {
    const problems: string[] = [];
    for (const [name, values] of weights) {
      const layer = { name };
      const target = compiled.model.layers.find((l) => l.name === sanitize(layer.name));
      const shapes = target?.weights.map((w) => w.shape.join('×')) ?? [];
      const found = values.map((v) => v.shape.join('×'));
      if (!target || shapes.join() !== found.join()) {
        problems.push(`${layer.name}: weights [${found.join(', ')}] but the graph's layer has [${shapes.join(', ')}]`);
        continue;
      }
      const tensors = values.map((v) => tf.tensor(v.values, v.shape));
      target.setWeights(tensors);
      tf.dispose(tensors);
    }
    if (problems.length) throw new ImportError(`the weights do not fit the imported graph:\n${problems.join('\n')}`);
    return await modelToFiles(compiled.model);
  } finally {
    compiled.model.dispose();
  }
}
