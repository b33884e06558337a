import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's Orthogonal initializer (the default recurrent initializer of LSTM,
 * GRU and SimpleRNN, as in Keras) runs a QR decomposition as one tensor op
 * per column: about 3 s for a 64-unit LSTM and 4 minutes for 256 units on the
 * CPU and WebAssembly backends. This one computes the same matrix (the Q of a
 * random normal matrix, signs fixed so that R has a positive diagonal) with
 * Gram-Schmidt in plain arrays, in well under a second for 256 units.
 *
 * It is registered under tfjs's own class name `Orthogonal`, so every layer
 * that asks for `'orthogonal'` gets it, including layers of reloaded models,
 * and saved configs stay exactly what Keras writes.
 */

interface OrthogonalInstance {
  gain: number;
  seed?: number;
  apply(shape: (number | null)[], dtype?: tf.DataType): tf.Tensor;
  getConfig(): tf.serialization.ConfigDict;
}
type OrthogonalClass = new (args: { gain?: number; seed?: number }) => OrthogonalInstance;

function defineFastOrthogonal() {
  // The class itself is not exported by tfjs, only a factory; this is the same class.
  const TfOrthogonal = tf.initializers.orthogonal({}).constructor as OrthogonalClass;

  class FastOrthogonal extends TfOrthogonal {
    static readonly className = 'Orthogonal';

    override apply(shape: (number | null)[], dtype?: tf.DataType): tf.Tensor {
      if (shape.length < 2) throw new Error('Orthogonal initializer: shape must be at least 2D');
      const dims = shape as number[];
      const rows = dims.slice(0, -1).reduce((a, b) => a * b, 1);
      const cols = dims[dims.length - 1];
      const values = orthogonalMatrix(rows, cols, this.seed);
      if (this.gain !== 1) for (let i = 0; i < values.length; i++) values[i] *= this.gain;
      return tf.tensor(values, dims, dtype === 'int32' ? 'int32' : 'float32');
    }
  }
  tf.serialization.registerClass(FastOrthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
  return FastOrthogonal;
}

let defined: OrthogonalClass | undefined;

/**
 * Registers the fast initializer over tfjs's (once; compiling and loading
 * models call this) and gives its class. Defined on first use, as it extends
 * a tfjs class: importing this module does not need tfjs running.
 */
export function fastOrthogonal(): OrthogonalClass {
  defined ??= defineFastOrthogonal();
  return defined;
}

/** A rows × cols matrix (row-major) whose rows or columns, whichever are fewer, are orthonormal. */
export function orthogonalMatrix(rows: number, cols: number, seed?: number): Float32Array {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  const normal = tf.tidy(() => tf.randomNormal([m, n], 0, 1, 'float32', seed).dataSync());
  const q: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = normal[i * n + j];
    // Two passes of modified Gram-Schmidt keep the columns orthogonal to float precision.
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const qk = q[k];
        let dot = 0;
        for (let i = 0; i < m; i++) dot += qk[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * qk[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = rows >= cols ? q[c][r] : q[r][c];
  }
  return out;
}

