import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import { splitDataset } from '../data/split';
import type { Dataset } from '../data/types';
import type { Graph } from '../graph/schema';
import { batchTensors, bindFields, boundFieldNames } from '../train/bindings';
import { resolveTrainOptions } from '../train/options';
import { probe, ProbeError, type ProbeRequest, type ProbeResult } from './probe';

/** An input of the probed sample as the user reads it: its values, and its tokens where the field has a vocabulary. */
export interface ProbedInput {
  nodeId: string;
  field: string;
  shape: number[];
  values: number[];
  tokens: string[] | null;
}

export interface SampleProbe extends ProbeResult {
  split: 'validation' | 'training';
  /** The sample's position in its split (what the user chose) and its index in the dataset. */
  sample: number;
  datasetIndex: number;
  splitSize: number;
  inputs: ProbedInput[];
  /** What the sample should give at each Output node (its bound target field), read as the inputs are. */
  targets: ProbedInput[];
}

/**
 * Probes sample `sample` of a run's validation split (the split its training
 * kept apart, from the same seed and validationSplit; the training split when
 * it kept none), so that what the user looks inside is data the model has
 * not learned from.
 */
export function probeRunSample(compiled: CompiledModel, graph: Graph, dataset: Dataset, sample: number, request: ProbeRequest = {}): SampleProbe {
  const bind = bindFields(compiled, dataset, graph.training?.bindings ?? {});
  if (!bind.ok) throw new ProbeError(`cannot probe this run: ${bind.message}`);
  const options = resolveTrainOptions(graph.training);
  const split = splitDataset(dataset, options.validationSplit, options.seed);
  const validation = split.validation.length > 0;
  const pool = validation ? split.validation : split.train;
  if (pool.length === 0) throw new ProbeError('cannot probe this run: its dataset has no samples');
  if (!Number.isInteger(sample) || sample < 0 || sample >= pool.length) {
    throw new ProbeError(`sample ${sample} is not in the ${validation ? 'validation' : 'training'} split, which has samples 0 to ${pool.length - 1}`);
  }
  const datasetIndex = pool[sample];
  const batch = dataset.batch([datasetIndex], boundFieldNames(bind.bound));
  const { xs, ys } = batchTensors(bind.bound, batch);
  try {
    const result = probe(compiled, xs, request);
    const read = (nodeId: string, field: string): ProbedInput => {
      const fb = batch[field];
      const vocab = dataset.fields[field]?.vocab;
      const values = Array.from(fb.data);
      return { nodeId, field, shape: fb.shape.slice(1), values, tokens: vocab ? values.map((id) => vocab.tokens[id] ?? `#${id}`) : null };
    };
    const inputs = compiled.inputs.map((input, k) => read(input.nodeId, bind.bound.inputs[k]));
    const targets = compiled.outputs.map((output, k) => read(output.nodeId, bind.bound.targets[k]));
    return { ...result, split: validation ? 'validation' : 'training', sample, datasetIndex, splitSize: pool.length, inputs, targets };
  } finally {
    tf.dispose([...xs, ...ys]);
  }
}
