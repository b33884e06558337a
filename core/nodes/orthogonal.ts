import * as tf from '@tensorflow/tfjs';

/**
 * The orthogonal initializer of recurrent kernels, computed in plain
 * JavaScript. tfjs's own runs a QR decomposition op by op: 16 s for one LSTM of
 * 128 units on the CPU backend, which would make compiling a graph unbearable.
 * This one draws the same seeded Gaussian matrix and orthonormalises it with
 * modified Gram-Schmidt (R's diagonal comes out positive, which is Keras's sign
 * correction), in milliseconds.
 *
 * It keeps the class name `Orthogonal` and the same config, and is registered
 * over tfjs's class, so saved models still say `Orthogonal` (and load in plain
 * tfjs) and every model this process builds or loads uses the fast one.
 */
type InitializerClass = new (args: { gain?: number; seed?: number }) => tf.serialization.Serializable & {
  apply(shape: number[], dtype?: tf.DataType): tf.Tensor;
  getConfig(): tf.serialization.ConfigDict;
};
const TfjsOrthogonal = tf.initializers.orthogonal({}).constructor as InitializerClass;

export class FastOrthogonal extends TfjsOrthogonal {
  override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new Error('Orthogonal: shape must be at least 2D');
    const { gain, seed } = this.getConfig() as { gain: number; seed?: number };
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const n = Math.max(rows, cols);
    const m = Math.min(rows, cols);
    const a = tf.tidy(() => tf.randomNormal([n, m], 0, 1, 'float32', seed));
    const q = orthonormalColumns(a.dataSync() as Float32Array, n, m);
    a.dispose();
    const out = new Float32Array(rows * cols);
    // q is [n, m]; the result is q when rows >= cols, else its transpose.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const v = gain * q[i * m + j];
        if (rows >= cols) out[i * cols + j] = v;
        else out[j * cols + i] = v;
      }
    }
    return tf.tensor(out, shape, dtype === 'int32' ? 'int32' : 'float32');
  }
}

/** Modified Gram-Schmidt on the columns of a row-major [n, m] matrix (n >= m), in float64. */
function orthonormalColumns(data: Float32Array, n: number, m: number): Float64Array {
  const cols: Float64Array[] = [];
  for (let j = 0; j < m; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = data[i * m + j];
    for (const u of cols) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += u[i] * v[i];
      for (let i = 0; i < n; i++) v[i] -= dot * u[i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) v[i] /= norm;
    cols.push(v);
  }
  const q = new Float64Array(n * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) q[i * m + j] = cols[j][i];
  return q;
}

tf.serialization.registerClass(FastOrthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
