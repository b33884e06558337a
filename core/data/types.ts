import { safeMessage } from '../quote';
import type { Dim } from '../shapes/tensor-type';

/** Token tables of an id field: `tokens[id]` is the token; special ids are named. */
export interface Vocab {
  tokens: string[];
  /** Ids with a role: `pad` fills sequences to length, `start` opens a decoder input, `end` closes a target. */
  specials: { pad?: number; start?: number; end?: number };
  /** How tokens join back into text when decoded: `""` for characters, `" "` for words. */
  joiner: string;
}

/** One field of a dataset: what a binding connects an input or `Output` node to. */
export interface FieldInfo {
  /** Shape of one sample, without the batch dimension. */
  shape: Dim[];
  dtype: 'float32' | 'int32';
  description: string;
  /** For id fields: what the ids mean. */
  vocab?: Vocab;
  /** For stroke-5 fields: multiply dx, dy by this to get back the original units. */
  strokeScale?: number;
  /**
   * For id fields of text: each sample holds its padded text backwards (as
   * Keras's addition example feeds its questions). Text shown is turned back
   * to read as written; text typed is padded and turned the same way.
   */
  reversed?: boolean;
}

/** The values of one field for a batch: row-major, `shape` includes the batch dimension. */
export interface FieldBatch {
  dtype: 'float32' | 'int32';
  shape: number[];
  data: Float32Array | Int32Array;
}

export type Batch = Record<string, FieldBatch>;

/**
 * How a dataset wants to be split. `shuffle`: any sample may go to validation.
 * `tail`: samples are overlapping windows of one series, so validation is the
 * last fraction, after a gap of `gap` samples that would share rows with training.
 */
export type SplitHint = { mode: 'shuffle' } | { mode: 'tail'; gap: number };

/** A dataset: named fields, `size` samples, and batches gathered on demand. */
export interface Dataset {
  name: string;
  fields: Record<string, FieldInfo>;
  size: number;
  split: SplitHint;
  /** Things the user should know about the loading (rows skipped and why). */
  notes: string[];
  /**
   * The samples at `indices`, each field as one typed array. Windows and
   * padding are computed here, so a dataset holds its data once, compactly.
   * `only` limits the work to the fields that are bound.
   */
  batch(indices: ArrayLike<number>, only?: readonly string[]): Batch;
}

/** Bad data: which file, which line (1-based, when there is one), what is wrong. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(safeMessage(line === null ? `${file}: ${reason}` : `${file}, line ${line}: ${reason}`, 2000));
    this.name = 'DataError';
  }
}

/** The fields a batch should compute. */
export function wanted(fields: Record<string, FieldInfo>, only: readonly string[] | undefined): string[] {
  return only ? only.filter((f) => Object.hasOwn(fields, f)) : Object.keys(fields);
}

/** A zeroed batch array for `field` and `n` samples. */
export function allocate(field: FieldInfo, n: number): FieldBatch {
  const shape = [n, ...field.shape.map((d) => d ?? 0)];
  const size = shape.reduce((a, b) => a * b, 1);
  return { dtype: field.dtype, shape, data: field.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size) };
}
