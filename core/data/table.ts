import { allocate, wanted, type Dataset, type FieldInfo } from './types';

/** One field of a table: its samples stored back to back, or filled by a function. */
export interface Column {
  info: FieldInfo;
  /** Sample i is `data[i * n, (i + 1) * n)`, n the size of one sample; fields may share one array. */
  data?: Float32Array | Int32Array;
  /** For fields derived at batch time (a one-hot of a label): writes sample i at `out[at...]`. */
  fill?(i: number, out: Float32Array | Int32Array, at: number): void;
}

/** A dataset whose samples are fixed-size blocks, the shape of most built-ins. */
export function tableDataset(name: string, size: number, columns: Record<string, Column>, notes: string[] = []): Dataset {
  const fields = Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.info]));
  return {
    name,
    fields,
    size,
    split: { mode: 'shuffle' },
    notes,
    batch(indices, only) {
      const out: Record<string, ReturnType<typeof allocate>> = {};
      for (const field of wanted(fields, only)) {
        const col = columns[field];
        const fb = allocate(col.info, indices.length);
        const n = fb.data.length / Math.max(1, indices.length);
        for (let b = 0; b < indices.length; b++) {
          const i = indices[b];
          if (col.data) fb.data.set(col.data.subarray(i * n, (i + 1) * n), b * n);
          else col.fill!(i, fb.data, b * n);
        }
        out[field] = fb;
      }
      return out;
    },
  };
}
