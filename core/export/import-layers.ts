import type { ImportContext, ImportedNode } from '../nodes/layer-class';
import { inputLayerShape } from '../nodes/layer-class';
import { IMPORTABLE_CLASSES, importRulesFor } from '../nodes/registry';
import type { TopoLayer } from './topology';

/**
 * How one Keras / tfjs layer becomes a Seqwire node. The rules live with the
 * node types (`importFrom` in each core/nodes module); this asks them in
 * registry order and says why when none takes the layer.
 */

export type NodeFromLayer = ImportedNode;

/** What `nodeFromLayer` reports: the node, or the reasons it has none (collected by the caller into one error). */
export type LayerImport = NodeFromLayer | { problems: string[]; unknown?: boolean };

/** The node for a layer of a model file. */
export function nodeFromLayer(ctx: ImportContext): LayerImport {
  const { layer } = ctx;
  const problems: string[] = [];
  for (const rule of importRulesFor(layer.className)) {
    const node = rule.read(ctx, problems);
    if (!node) continue;
    if (!problems.length) return node;
    return { problems: layer.className === 'InputLayer' ? problems : problems.map((p) => `${layer.className} with ${p}`) };
  }
  if (layer.className === 'InputLayer') return { problems: [unreadInput(layer)] };
  return { problems: [`${layer.className} is not a layer Seqwire knows`], unknown: true };
}

/** Why no input node type took an input layer. */
function unreadInput(layer: TopoLayer): string {
  const shape = inputLayerShape(layer);
  return shape ? `an input of shape [${shape}]` : 'an input layer without a shape';
}

/** The sentence listing what can be imported, after a layer that cannot. */
export const KNOWN_LAYERS = `Seqwire knows: ${IMPORTABLE_CLASSES.join(', ')}.`;
