import type { TopoLayer, TopoRef, Topology } from './topology';

/**
 * Rewrites of a topology that make it the graph a person would draw, before
 * layers become nodes: an `Activation` (or `Softmax`) right after a linear
 * `Dense` is that Dense's activation (Keras users often write the output as
 * Dense + Activation("softmax")). The layer keeps the Dense's name, so its
 * weights still find it; what reads the activation reads the Dense.
 */
export function simplifyTopology(original: Topology): { topology: Topology; notes: string[] } {
  // A copy: the configs are the caller's parsed file, which stays as it was.
  const topology = JSON.parse(JSON.stringify(original)) as Topology;
  const notes: string[] = [];
  const readers = new Map<string, number>();
  for (const layer of topology.layers) for (const ref of layer.calls.flat()) readers.set(ref.layer, (readers.get(ref.layer) ?? 0) + 1);
  const outputs = new Set(topology.outputs.map((r) => r.layer));
  const byName = new Map(topology.layers.map((l) => [l.name, l]));
  const replaced = new Map<string, string>();
  const layers: TopoLayer[] = [];
  for (const layer of topology.layers) {
    const activation = activationOf(layer);
    const source = activation && layer.calls.length === 1 && layer.calls[0].length === 1 ? byName.get(layer.calls[0][0].layer) : undefined;
    const dense = source && denseConfig(source);
    if (dense && (dense.activation ?? 'linear') === 'linear' && readers.get(source!.name) === 1 && !outputs.has(source!.name)) {
      dense.activation = activation;
      replaced.set(layer.name, source!.name);
      notes.push(`${layer.name} (${layer.className} ${activation}) is folded into ${source!.name}, as its activation`);
      continue;
    }
    layers.push(layer);
  }
  if (!replaced.size) return { topology, notes };
  const fix = (ref: TopoRef): TopoRef => (replaced.has(ref.layer) ? { layer: replaced.get(ref.layer)!, node: 0, tensor: ref.tensor } : ref);
  return {
    topology: {
      ...topology,
      layers: layers.map((l) => ({ ...l, calls: l.calls.map((call) => call.map(fix)) })),
      inputs: topology.inputs.map(fix),
      outputs: topology.outputs.map(fix),
    },
    notes,
  };
}

/** The activation an Activation or Softmax layer applies, or null for any other layer. */
function activationOf(layer: TopoLayer): string | null {
  if (layer.className === 'Softmax') return layer.config.axis === undefined || layer.config.axis === -1 ? 'softmax' : null;
  if (layer.className !== 'Activation') return null;
  return typeof layer.config.activation === 'string' ? layer.config.activation : null;
}

/** The config holding a Dense's activation: its own, or the inner Dense of a TimeDistributed. */
function denseConfig(layer: TopoLayer): Record<string, unknown> | null {
  if (layer.className === 'Dense') return layer.config;
  const inner = layer.config.layer as { class_name?: string; config?: Record<string, unknown> } | undefined;
  if (layer.className === 'TimeDistributed' && inner?.class_name === 'Dense' && inner.config) return inner.config;
  return null;
}
