import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import { sanitize } from '../compile/layer-names';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode } from '../graph/schema';
import { analyzeGraph } from '../validate/analyze';
import { KNOWN_LAYERS, nodeFromLayer } from './import-layers';
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
}

const STATE_PORTS = ['out', 'h', 'c'];

/**
 * Turns a Keras or TensorFlow.js layers `model.json` (Sequential or
 * Functional) into a Seqwire graph laid out for the canvas. With `weightData`
 * (the bytes of the shards the manifest names, joined), the trained weights
 * are carried over and checked layer by layer.
 */
export async function importModel(json: unknown, weightData?: Uint8Array): Promise<ImportResult> {
  const topology = readTopology(json);
  const graph = graphFromTopology(topology);
  const notes: string[] = [];
  const analysis = analyzeGraph(graph);
  if (!analysis.valid) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.nodeId || '(graph)'}: ${d.message}`);
    throw new ImportError(`the imported layers do not make a valid Seqwire graph:\n${errors.join('\n')}`);
  }
  let weights: ModelFiles | null = null;
  const parsed = zModelJson.safeParse(json);
  if (weightData && parsed.success && parsed.data.weightsManifest) {
    weights = await carryWeights(graph, topology, { modelJson: parsed.data, weightData });
    notes.push('the trained weights were kept');
  } else notes.push('the file holds no weights: the graph starts untrained');
  return { graph, weights, notes };
}

/** The graph of a topology; throws `ImportError` listing every layer Seqwire does not know. */
export function graphFromTopology(topology: Topology): Graph {
  const byName = new Map(topology.layers.map((l) => [l.name, l]));
  const outputLayers = new Set(topology.outputs.map((r) => r.layer));
  const consumers = new Map<string, TopoLayer[]>();
  for (const layer of topology.layers) for (const ref of layer.calls.flat()) consumers.set(ref.layer, [...(consumers.get(ref.layer) ?? []), layer]);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const problems: string[] = [];
  let anyUnknown = false;
  for (const layer of topology.layers) {
    if (layer.className === 'SeqwireZerosLike') continue;
    if (layer.calls.length > 1) {
      problems.push(`${layer.name}: a layer applied ${layer.calls.length} times (shared weights) has no Seqwire node`);
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
      problems.push(...made.problems.map((p) => `${layer.name}: ${p}`));
      anyUnknown ||= !!made.unknown;
      continue;
    }
    nodes.push({ id: layer.name, type: made.type, params: made.params });
    calls.forEach((ref, i) => {
      const port = made.ports[i];
      if (!port) return;
      edges.push({ id: `e${edges.length + 1}`, source: ref.layer, sourceHandle: STATE_PORTS[ref.tensor] ?? 'out', target: layer.name, targetHandle: port });
    });
  }
  for (const ref of topology.outputs) {
    const layer = byName.get(ref.layer);
    if (layer && layer.className !== 'Dense' && layer.className !== 'TimeDistributed') {
      problems.push(`${layer.name}: a model output from a ${layer.className} (Seqwire's Outputs are Dense heads: add a Dense after it)`);
    }
  }
  if (problems.length) {
    throw new ImportError(`${problems.length} layer${problems.length === 1 ? '' : 's'} cannot be imported:\n${problems.map((p) => `  ${p}`).join('\n')}${anyUnknown ? `\n${KNOWN_LAYERS}` : ''}`);
  }
  layOut(nodes, edges);
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, name: topology.name, nodes, edges };
}

/** Columns by depth from the inputs, rows in file order: a readable left-to-right layout. */
function layOut(nodes: GraphNode[], edges: GraphEdge[]): void {
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
async function carryWeights(graph: Graph, topology: Topology, files: ModelFiles): Promise<ModelFiles> {
  const named = decodeNamedWeights(files);
  const compiled = compileGraph(graph);
  try {
    const byLayer = new Map<string, tf.Tensor[]>();
    for (const [name, tensor] of Object.entries(named)) {
      const layer = name.split('/')[0];
      byLayer.set(layer, [...(byLayer.get(layer) ?? []), tensor]);
    }
    const problems: string[] = [];
    for (const layer of topology.layers) {
      const values = byLayer.get(layer.name);
      if (!values) continue;
      const target = compiled.model.layers.find((l) => l.name === sanitize(layer.name));
      const shapes = target?.weights.map((w) => w.shape.join('×')) ?? [];
      const found = values.map((v) => v.shape.join('×'));
      if (!target || shapes.join() !== found.join()) {
        problems.push(`${layer.name}: weights [${found.join(', ')}] but the graph's layer has [${shapes.join(', ')}]`);
        continue;
      }
      target.setWeights(values);
    }
    if (problems.length) throw new ImportError(`the weights do not fit the imported graph:\n${problems.join('\n')}`);
    return await modelToFiles(compiled.model);
  } finally {
    tf.dispose(Object.values(named));
    compiled.model.dispose();
  }
}
