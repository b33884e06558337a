import type * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { CompiledModel } from '../compile/types';
import type { Graph } from '../graph/schema';
import { loadWeightsByName, type ModelFiles } from './tfjs-files';

/**
 * A trained model as a run folder keeps it: the graph it was trained from
 * (`graph.seqwire.json`) and its weights in the TensorFlow.js layers format
 * (`model.json` + `weights.bin`).
 */
export interface RunFiles {
  graph: Graph;
  model: ModelFiles;
}

/**
 * The model of a run, rebuilt from its graph with the saved weights loaded by
 * name. This is the exact reload: it does not depend on how tfjs serialises a
 * topology (recurrent states, custom layers), only on weight names, and it
 * gives the graph's input and output mapping that generation needs.
 */
export function loadRun(run: RunFiles): CompiledModel {
  const compiled = compileGraph(run.graph);
  try {
    loadWeightsByName(compiled.model, run.model);
  } catch (err) {
    compiled.model.dispose();
    throw err;
  }
  return compiled;
}

/** Predictions of a model as plain arrays, one entry per model output. */
export function predictArrays(model: tf.LayersModel, inputs: tf.Tensor[]): unknown[] {
  const out = model.predict(inputs);
  const list = Array.isArray(out) ? out : [out];
  const arrays = list.map((t) => t.arraySync());
  list.forEach((t) => t.dispose());
  return arrays;
}
