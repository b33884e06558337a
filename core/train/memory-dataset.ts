import { tableDataset } from '../data/table';
import type { Dataset } from '../data/types';

/** The values of one field for all samples, row-major, first axis the sample. */
export interface FieldArray {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: Float32Array | Int32Array;
  description?: string;
}

/**
 * A dataset held as whole arrays in memory: for tests, the benchmark, and
 * data that a host has already produced. Batches copy the rows asked for
 * (a table of core/data/table.ts).
 */
export function memoryDataset(name: string, fields: Record<string, FieldArray>): Dataset {
  const sizes = new Set(Object.values(fields).map((f) => f.shape[0]));
  if (sizes.size !== 1) throw new Error(`memoryDataset "${name}": every field needs the same number of samples, found ${[...sizes].join(', ')}`);
  const [size] = sizes;
  const columns = Object.fromEntries(
    Object.entries(fields).map(([key, f]) => [key, { info: { shape: f.shape.slice(1), dtype: f.dtype, description: f.description ?? key }, data: f.data }]),
  );
  return tableDataset(name, size, columns);
}
