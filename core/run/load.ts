import type * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { CompiledModel } from '../compile/types';
import type { Dataset } from '../data/types';
import { loadWeightsByName, type ModelFiles } from '../export/tfjs-files';
import type { Graph } from '../graph/schema';

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

/** The dataset a run was trained on, or why it cannot be had here (a file that moved). */
export interface RunData {
  dataset: Dataset | null;
  note: string | null;
}

/**
 * A run loaded for work: its graph, the compiled model with its weights, and
 * its dataset on demand (the host reads it from disk; core never does).
 */
export interface LoadedRun {
  /** Where the run lives, for messages. */
  where: string;
  graph: Graph;
  compiled: CompiledModel;
  data(): Promise<RunData>;
}

/** Predictions of a model as plain arrays, one entry per model output. */
export function predictArrays(model: tf.LayersModel, inputs: tf.Tensor[]): unknown[] {
  const out = model.predict(inputs);
  const list = Array.isArray(out) ? out : [out];
  const arrays = list.map((t) => t.arraySync());
  list.forEach((t) => t.dispose());
  return arrays;
}
