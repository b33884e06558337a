import * as tf from '@tensorflow/tfjs';
import { loadWeightsByName, modelToFiles, type ModelFiles } from '../export/tfjs-files';
import type { EpochEvent } from './events';
import type { MeansSnapshot } from './metrics';

/**
 * Where a checkpoint taken inside an epoch stands (on cancel or a failure):
 * `batches` of epoch `epoch + 1` are done, with these running means. A resume
 * goes on with the next batch, so it ends exactly where an uninterrupted run would.
 */
export interface PartialEpoch {
  batches: number;
  losses: MeansSnapshot;
  accuracy: MeansSnapshot;
  norms: MeansSnapshot;
}

/**
 * What a run leaves at an epoch end to be resumed from: the model in the
 * tfjs layers format, the optimizer's slots, the state of the dropout
 * generator and the epochs so far. Core makes it; the host writes it.
 */
export interface Checkpoint {
  /** Epochs completed. */
  epoch: number;
  model: ModelFiles;
  optimizer: { specs: tf.io.WeightsManifestEntry[]; data: Uint8Array };
  rngState: number;
  history: EpochEvent[];
  /**
   * Running products an optimizer keeps outside its weights (Adam's beta1^t and
   * beta2^t). tfjs recomputes them with pow() on setWeights, which differs from
   * the product in the last bits, so they are kept to make a resume exact.
   */
  optimizerScalars?: Record<string, number>;
  /** The run's first batch loss, the yardstick of divergence. */
  firstLoss?: number;
  /** Set when the checkpoint was taken inside epoch `epoch + 1`; absent at an epoch end. */
  partial?: PartialEpoch;
}

/** The running products of the optimizers Seqwire offers that setWeights does not restore exactly. */
const ACCUMULATORS = ['accBeta1', 'accBeta2'];

/** Captures a checkpoint after `epoch` epochs (and `partial.batches` batches of the next one). */
export async function makeCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, epoch: number, rngState: number, history: EpochEvent[], partial?: PartialEpoch): Promise<Checkpoint> {
  const files = await modelToFiles(model);
  const slots = await optimizer.getWeights();
  const encoded = await tf.io.encodeWeights(slots);
  // The slots are the optimizer's live variables, except the iteration count it makes afresh.
  tf.dispose(slots.map((s) => s.tensor).filter((t) => !(t instanceof tf.Variable)));
  const scalars: Record<string, number> = {};
  for (const name of ACCUMULATORS) {
    const v = (optimizer as unknown as Record<string, unknown>)[name];
    if (v instanceof tf.Variable) scalars[name] = v.dataSync()[0];
  }
  return {
    epoch,
    model: files,
    ...(Object.keys(scalars).length ? { optimizerScalars: scalars } : {}),
    optimizer: { specs: encoded.specs, data: new Uint8Array(tf.io.CompositeArrayBuffer.join(encoded.data)) },
    rngState,
    history: [...history],
    ...(partial && partial.batches > 0 ? { partial } : {}),
  };
}

/**
 * Loads a checkpoint's weights into a model compiled from the same graph
 * (matched by weight name, so a checkpoint of another graph is refused with
 * the reason), and its slots into a fresh optimizer of the same kind.
 */
export async function restoreCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, cp: Checkpoint): Promise<void> {
  loadWeightsByName(model, cp.model);
  if (cp.optimizer.specs.length === 0) return;
  const slots = tf.io.decodeWeights(copyBuffer(cp.optimizer.data), cp.optimizer.specs);
  try {
    await optimizer.setWeights(cp.optimizer.specs.map((s) => ({ name: s.name, tensor: slots[s.name] })));
    for (const [name, value] of Object.entries(cp.optimizerScalars ?? {})) {
      const v = (optimizer as unknown as Record<string, unknown>)[name];
      if (ACCUMULATORS.includes(name) && v instanceof tf.Variable) tf.tidy(() => v.assign(tf.scalar(value)));
    }
  } finally {
    // setWeights copies the values into new variables.
    tf.dispose(Object.values(slots));
  }
}

/** An ArrayBuffer holding exactly these bytes (a Uint8Array may be a view into a larger one). */
function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}
