import * as tf from '@tensorflow/tfjs';
import { inputTensor } from '../generate/conditions';
import { encodeText, fieldsOf, vocabsOf } from './data';
import { RunError } from './errors';
import type { LoadedRun } from './load';

/** Runs a trained model on inputs keyed by input node id; outputs keyed by Output node id, as nested arrays. */
export async function predictFromRun(run: LoadedRun, given: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { compiled } = run;
  const names = compiled.inputs.map((i) => `"${i.nodeId}"`).join(', ');
  const missing = compiled.inputs.filter((i) => given[i.nodeId] === undefined).map((i) => i.nodeId);
  if (missing.length) throw new RunError('bad-input', `no values for input${missing.length === 1 ? '' : 's'} ${missing.map((m) => `"${m}"`).join(', ')}; the model's inputs are ${names}`);
  const unknown = Object.keys(given).filter((k) => !compiled.inputs.some((i) => i.nodeId === k));
  if (unknown.length) throw new RunError('bad-input', `${unknown.map((u) => `"${u}"`).join(', ')} is not an input of the model; its inputs are ${names}`);
  const needsVocab = compiled.inputs.some((i) => typeof given[i.nodeId] === 'string');
  const dataset = needsVocab ? (await run.data()).dataset : null;
  const vocabs = vocabsOf(run.graph, dataset);
  const fields = fieldsOf(run.graph, dataset);
  const xs: tf.Tensor[] = [];
  try {
    for (const input of compiled.inputs) {
      const value = given[input.nodeId];
      xs.push(inputTensor(input, typeof value === 'string' ? encodeText(input.nodeId, value, vocabs[input.nodeId], fields[input.nodeId]) : value));
    }
  } catch (err) {
    tf.dispose(xs);
    throw err;
  }
  const batch = xs.map((x) => x.shape[0]);
  if (batch.some((b) => b !== batch[0])) {
    tf.dispose(xs);
    throw new RunError('bad-input', `the inputs hold different numbers of examples (${batch.join(', ')})`);
  }
  const ys = compiled.model.predict(xs);
  const list = Array.isArray(ys) ? ys : [ys];
  const outputs = Object.fromEntries(compiled.outputs.map((o, k) => [o.nodeId, list[k].arraySync()]));
  tf.dispose([...xs, ...list]);
  return outputs;
}

/** Class names in the shape of the predictions without their last axis: one name per step, or one per example. */
export type NamedLabels = string | NamedLabels[];

/**
 * For each softmax Output whose target field names its classes: the name of
 * the likeliest class (per step, per example), so that a person reads
 * "left left up" rather than rows of probabilities.
 */
export async function labelsOf(run: LoadedRun, outputs: Record<string, unknown>): Promise<Record<string, NamedLabels>> {
  const softmax = run.compiled.outputs.filter((o) => o.head === 'softmax' && outputs[o.nodeId] !== undefined);
  if (!softmax.length) return {};
  const vocabs = vocabsOf(run.graph, (await run.data()).dataset);
  const named: Record<string, NamedLabels> = {};
  for (const o of softmax) {
    const vocab = vocabs[o.nodeId];
    if (!vocab) continue;
    const name = (value: unknown): NamedLabels => {
      const list = value as unknown[];
      if (!Array.isArray(list[0])) {
        const probs = list as number[];
        const best = probs.reduce((b, p, i) => (p > probs[b] ? i : b), 0);
        return vocab.tokens[best] ?? String(best);
      }
      return list.map(name);
    };
    named[o.nodeId] = name(outputs[o.nodeId]);
  }
  return named;
}
