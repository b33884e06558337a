/**
 * Products on rnn.wasm's GEMM with the right operand's columns padded to a
 * multiple of 8: its 4x8 tile is fast only on whole groups of 8 columns (a
 * head of 123 outputs would run its last 3 columns one row at a time), so
 * each product is computed padded and the padding dropped. For the Dense
 * kernels and the whole training step, on either memory (module.ts, arena.ts).
 */

/** What the helpers need of a memory of rnn.wasm. */
export interface GemmMemory {
  alloc(n: number): number;
  view(at: number, n: number): Float32Array;
  fn(name: string): (...args: number[]) => number;
}

export const round8 = (n: number) => (n + 7) & ~7;

/** `rows` rows of `width` floats copied into the arena `stride` apart, the gap zeroed; returns the byte offset. */
export function putPadded(m: GemmMemory, values: Float32Array, rows: number, width: number, stride: number): number {
  const at = m.alloc(rows * stride);
  const view = m.view(at, rows * stride);
  if (stride === width) view.set(values);
  else {
    view.fill(0);
    for (let r = 0; r < rows; r++) view.set(values.subarray(r * width, (r + 1) * width), r * stride);
  }
  return at;
}

/**
 * C [M, N] = A·B (+ `init`, one row repeated, when given) where A(i, k) =
 * A[i*ai + k*ak] and B [K, round8(N)] are in the arena (B's rows padded with
 * zeros); returns C's byte offset, its rows packed N apart.
 */
export function gemmPadded(m: GemmMemory, M: number, N: number, K: number, A: number, ai: number, ak: number, B: number, init: Float32Array | null): number {
  const Np = round8(N);
  const pc = m.alloc(M * Np);
  if (init) {
    const row = new Float32Array(Np);
    row.set(init);
    const cView = m.view(pc, M * Np);
    for (let i = 0; i < M; i++) cView.set(row, i * Np);
  }
  m.fn('gemm')(M, Np, K, A, ai, ak, B, Np, pc, Np, init ? 1 : 0);
  // Drop the padding in place: row i moves from i*Np to i*N, never over a row still to move.
  const cView = m.view(pc, M * Np);
  if (Np !== N) for (let i = 1; i < M; i++) cView.copyWithin(i * N, i * Np, i * Np + N);
  return pc;
}

