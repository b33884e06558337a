import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode } from '../graph/schema';
import { getNodeSpec, hasRole } from '../nodes/registry';
import { finishImport, ImportError, layOut, type ImportResult, type LayerWeights } from './import-graph';

/**
 * Joins an encoder and a decoder imported from two files (as Keras's seq2seq
 * examples save them) into one seq2seq graph: the encoder's ModelOutputs (its
 * final states, in the order of its outputs) feed the decoder's recurrent
 * state ports where the decoder read them from its own inputs (in the order
 * of its inputs). Those inputs and markers go; node ids the two share are
 * renamed on the decoder's side; the weights of both are carried over.
 */
export async function joinModels(encoder: ImportResult, decoder: ImportResult): Promise<ImportResult> {
  const markers = encoder.graph.nodes.filter((n) => hasRole(n.type, 'marker'));
  const markerSources = markers.map((m) => encoder.graph.edges.find((e) => e.target === m.id));
  const stateInputs = decoder.graph.nodes.filter((n) => hasRole(n.type, 'input') && readsOnlyStates(decoder.graph, n.id));
  if (!markers.length) throw new ImportError(`the encoder "${encoder.graph.name}" has no outputs to join (no ModelOutput: each of its outputs is an Output head)`);
  if (markers.length !== stateInputs.length) {
    throw new ImportError(
      `the encoder "${encoder.graph.name}" gives ${markers.length} value${markers.length === 1 ? '' : 's'} (${markers.map((m) => m.id).join(', ')}) but the decoder "${decoder.graph.name}" takes ${stateInputs.length} initial state${stateInputs.length === 1 ? '' : 's'} from its inputs (${stateInputs.map((n) => n.id).join(', ') || 'none'})`,
    );
  }

  const droppedMarkers = new Set(markers.map((m) => m.id));
  const droppedInputs = new Set(stateInputs.map((n) => n.id));
  const encoderIds = new Set(encoder.graph.nodes.filter((n) => !droppedMarkers.has(n.id)).map((n) => n.id));
  const rename = new Map<string, string>();
  for (const node of decoder.graph.nodes) {
    let id = node.id;
    while (encoderIds.has(id)) id = `${id}_dec`;
    encoderIds.add(id);
    rename.set(node.id, id);
  }
  const feeds = new Map(stateInputs.map((n, i) => [n.id, markerSources[i]!]));

  const nodes: GraphNode[] = [
    ...encoder.graph.nodes.filter((n) => !droppedMarkers.has(n.id)),
    ...decoder.graph.nodes.filter((n) => !droppedInputs.has(n.id)).map((n) => ({ ...n, id: rename.get(n.id)! })),
  ];
  const edges: GraphEdge[] = [];
  const add = (e: { source: string; sourceHandle: string; target: string; targetHandle: string }) => edges.push({ ...e, id: `e${edges.length + 1}` });
  for (const e of encoder.graph.edges) if (!droppedMarkers.has(e.target)) add({ source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle });
  for (const e of decoder.graph.edges) {
    const fed = feeds.get(e.source);
    const target = rename.get(e.target)!;
    if (fed) add({ source: fed.source, sourceHandle: fed.sourceHandle, target, targetHandle: e.targetHandle });
    else add({ source: rename.get(e.source)!, sourceHandle: e.sourceHandle, target, targetHandle: e.targetHandle });
  }
  layOut(nodes, edges);
  const graph: Graph = { format: GRAPH_FORMAT, version: GRAPH_VERSION, name: `${encoder.graph.name} + ${decoder.graph.name}`, nodes, edges };

  let weights: LayerWeights | null = null;
  if (encoder.sourceWeights && decoder.sourceWeights) {
    weights = new Map(encoder.sourceWeights);
    for (const [name, values] of decoder.sourceWeights) weights.set(rename.get(name) ?? name, values);
  }
  const renamed = [...rename].filter(([a, b]) => a !== b && !droppedInputs.has(a));
  const notes = [
    `joined: ${markers.map((m, i) => `${markerSources[i]!.source}.${markerSources[i]!.sourceHandle} -> ${stateInputs[i].id}`).join(', ')}`,
    ...(renamed.length ? [`decoder nodes renamed: ${renamed.map(([a, b]) => `${a} -> ${b}`).join(', ')}`] : []),
    ...(!weights && (encoder.sourceWeights || decoder.sourceWeights) ? ['only one of the two files holds weights: the joined graph starts untrained'] : []),
  ];
  return finishImport(graph, weights, notes);
}

/** An input node whose every wire goes into a recurrent state port (`h0`, `c0`): the decoder's initial state. */
function readsOnlyStates(graph: Graph, id: string): boolean {
  const out = graph.edges.filter((e) => e.source === id);
  return (
    out.length > 0 &&
    out.every((e) => {
      const target = graph.nodes.find((n) => n.id === e.target);
      const port = target && getNodeSpec(target.type)?.inputs(target.params ?? {}).find((p) => p.name === e.targetHandle);
      return !!port?.state;
    })
  );
}
