/** One dimension of a shape; `null` is a size known only at run time (variable timesteps). */
export type Dim = number | null;

/** The value on a wire: its shape without the batch dimension, and its element type. */
export interface TensorType {
  shape: Dim[];
  dtype: 'float32' | 'int32';
}

/** `[T, 64]` for a sequence of unknown length, `[20, 64]` when it is known, `[64]` for a vector. */
export function formatShape(shape: Dim[]): string {
  return `[${shape.map((d) => (d === null ? 'T' : String(d))).join(', ')}]`;
}

/** A wire label: the shape, and `int` when the values are ids. */
export function formatType(type: TensorType): string {
  return type.dtype === 'int32' ? `${formatShape(type.shape)} int` : formatShape(type.shape);
}

/** Shapes that are the same dim for dim, unknown (`null`) only where the other is unknown too. */
export function sameShape(a: Dim[], b: Dim[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Dims agree when equal, or when either is unknown (checked again at run time). */
export function dimsAgree(a: Dim, b: Dim): boolean {
  return a === null || b === null || a === b;
}

export const float = (...shape: Dim[]): TensorType => ({ shape, dtype: 'float32' });
export const int = (...shape: Dim[]): TensorType => ({ shape, dtype: 'int32' });
