import { KerasExportError, type LayerClass } from '../../nodes/layer-class';
import { getLayerClass } from '../../nodes/registry';
import type { TopoLayer } from '../topology';

/**
 * How each layer of a Seqwire model is written in tf.keras. The constructor
 * of each class lives with the node type that builds it (`layerClasses` in
 * core/nodes); this looks it up. The script works on the compiled model's own
 * topology, so it has exactly the layers, names, order and settings that were
 * trained, tfjs defaults included.
 */

export { KerasExportError };

function known(layer: TopoLayer): LayerClass {
  const found = getLayerClass(layer.className);
  if (!found) throw new KerasExportError(`layer "${layer.name}" is a ${layer.className}, which the Keras exporter does not know`);
  return found;
}

/** The constructor of one layer; throws naming the layer when its class is not one Seqwire writes. */
export function layerConstructor(layer: TopoLayer): string {
  return known(layer).keras(layer);
}

/** How many tensors a call of the layer gives: a recurrent layer with return_state gives its states too. */
export function outputCount(layer: TopoLayer): number {
  return getLayerClass(layer.className)?.outputs?.(layer) ?? 1;
}

/** Whether the layer takes its inputs as one list (merges, attention) rather than one tensor. */
export const takesList = (layer: TopoLayer) => !!getLayerClass(layer.className)?.takesList;
/** Whether the layer is a recurrent cell, which takes initial states. */
export const isRecurrent = (layer: TopoLayer) => getLayerClass(layer.className)?.recurrent === 'cell';
