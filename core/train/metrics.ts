import * as tf from '@tensorflow/tfjs';

/** Share of positions where the most likely class is the true one; targets are ids (`sparse`) or one-hot. */
export function accuracy(yTrue: tf.Tensor, yPred: tf.Tensor, sparse: boolean): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.argMax(yPred, -1);
    const truth = sparse ? tf.cast(yTrue, 'int32') : tf.argMax(yTrue, -1);
    return tf.mean(tf.cast(tf.equal(predicted, truth), 'float32')) as tf.Scalar;
  });
}

export interface MeansSnapshot {
  sums: number[];
  weight: number;
}

/** Running sums for per-output means over batches of different sizes. */
export class WeightedMeans {
  private sums: number[];
  private weight = 0;

  constructor(size: number) {
    this.sums = new Array<number>(size).fill(0);
  }

  add(values: ArrayLike<number>, weight: number): void {
    for (let i = 0; i < this.sums.length; i++) this.sums[i] += values[i] * weight;
    this.weight += weight;
  }

  get count(): number {
    return this.weight;
  }

  /** The running sums, so a checkpoint taken inside an epoch can go on with the same means. */
  snapshot(): MeansSnapshot {
    return { sums: [...this.sums], weight: this.weight };
  }

  static from(size: number, snap: MeansSnapshot | undefined): WeightedMeans {
    const m = new WeightedMeans(size);
    if (snap && snap.sums.length === size) {
      m.sums = [...snap.sums];
      m.weight = snap.weight;
    }
    return m;
  }

  means(): number[] {
    return this.sums.map((s) => (this.weight > 0 ? s / this.weight : Number.NaN));
  }
}

/** `{[nodeId]: value}` for the entries of `ids` whose value is defined. */
export function byNode(ids: readonly string[], values: readonly (number | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  ids.forEach((id, i) => {
    const v = values[i];
    if (v !== undefined) out[id] = v;
  });
  return out;
}
