import type { CompiledModel } from '../../compile/types';
import type { Training } from '../../graph/schema';
import { modelToFiles, weightSpecsOf } from '../tfjs-files';
import { readTopology } from '../topology';
import { kerasScript } from './script';

/** The three files of a Keras export: the script and the weights it loads. */
export interface KerasExport {
  script: string;
  /** `NAME.weights.json`: the weight specs (name, shape, dtype) in file order. */
  weightsJson: string;
  /** `NAME.weights.bin`: the values, as in the tfjs `weights.bin`. */
  weightsBin: Uint8Array;
}

/**
 * Writes a compiled (and possibly trained) model as a tf.keras script named
 * `NAME.py` plus its weights `NAME.weights.json` / `NAME.weights.bin`, which
 * numpy reads without TensorFlow.js. Throws `KerasExportError` naming every
 * layer that has no Keras form.
 */
export async function exportKeras(compiled: CompiledModel, baseName: string, training?: Training): Promise<KerasExport> {
  const files = await modelToFiles(compiled.model);
  const topology = readTopology(files.modelJson);
  const weightsJson = `${baseName}.weights.json`;
  const weightsBin = `${baseName}.weights.bin`;
  const script = kerasScript(compiled, topology, { weightsJson, weightsBin, params: compiled.model.countParams(), training });
  return { script, weightsJson: JSON.stringify(weightSpecsOf(files.modelJson), null, 1) + '\n', weightsBin: files.weightData };
}
