import type { Batch, Dataset, FieldBatch, FieldInfo } from '../data/types';

/** The values of one field for all samples, row-major, first axis the sample. */
export interface FieldArray {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: Float32Array | Int32Array;
  description?: string;
}

/**
 * A dataset held as whole arrays in memory: for tests, the benchmark, and
 * data that a host has already produced. Batches copy the rows asked for.
 */
export function memoryDataset(name: string, fields: Record<string, FieldArray>): Dataset {
  const sizes = new Set(Object.values(fields).map((f) => f.shape[0]));
  if (sizes.size !== 1) throw new Error(`memoryDataset "${name}": every field needs the same number of samples, found ${[...sizes].join(', ')}`);
  const [size] = sizes;
  const infos: Record<string, FieldInfo> = {};
  for (const [key, f] of Object.entries(fields)) infos[key] = { shape: f.shape.slice(1), dtype: f.dtype, description: f.description ?? key };
  return {
    name,
    fields: infos,
    size,
    split: { mode: 'shuffle' },
    notes: [],
    batch(indices: ArrayLike<number>, only?: readonly string[]): Batch {
      const out: Batch = {};
      for (const key of only ?? Object.keys(fields)) {
        const f = fields[key];
        if (!f) continue;
        const row = f.shape.slice(1).reduce((a, b) => a * b, 1);
        const data = f.dtype === 'int32' ? new Int32Array(indices.length * row) : new Float32Array(indices.length * row);
        for (let i = 0; i < indices.length; i++) data.set(f.data.subarray(indices[i] * row, (indices[i] + 1) * row), i * row);
        out[key] = { dtype: f.dtype, shape: [indices.length, ...f.shape.slice(1)], data } satisfies FieldBatch;
      }
      return out;
    },
  };
}
