import type * as tf from '@tensorflow/tfjs';

/** Reading a kernel's inputs and making its outputs on the wasm or the cpu backend, for the kernels of rnn.wasm. */

export type Info = tf.TensorInfo;

/** Reading inputs and making outputs on one backend. */
export interface Io {
  read(info: Info): Float32Array;
  output(values: Float32Array, shape: number[]): Info;
}

interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  getMemoryOffset(dataId: tf.DataId): number;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
}
interface CpuBackendLike {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
}

export const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function ioFor(backendName: string, backend: unknown): Io {
  if (backendName === 'wasm') {
    const b = backend as WasmBackendLike;
    return {
      // A view of tfjs's heap: copied into rnn.wasm at once, before tfjs allocates anything.
      read: (info) => new Float32Array(b.wasm.HEAPU8.buffer, b.getMemoryOffset(info.dataId), size(info.shape)),
      output: (values, shape) => {
        const out = b.makeOutput(shape, 'float32');
        new Float32Array(b.wasm.HEAPU8.buffer, b.getMemoryOffset(out.dataId), values.length).set(values);
        return out;
      },
    };
  }
  const b = backend as CpuBackendLike;
  return {
    read: (info) => b.readSync(info.dataId) as Float32Array,
    // The cpu backend keeps the array it is given: hand it a copy, not a view of rnn.wasm's memory.
    output: (values, shape) => ({ dataId: b.write(values.slice(), shape, 'float32'), shape, dtype: 'float32' }),
  };
}

