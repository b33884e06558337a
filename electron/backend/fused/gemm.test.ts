import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/random';
import { rnnModule } from './module';

/** The GEMM under every fused kernel equals a plain triple loop, for A and for Aᵀ, on sizes off its 4 × 8 tiles. */

function plain(M: number, N: number, K: number, a: Float32Array, ai: number, ak: number, b: Float32Array, c0: Float32Array, acc: boolean): Float32Array {
  const c = acc ? c0.slice() : new Float32Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += a[i * ai + k * ak] * b[k * N + j];
    c[i * N + j] += s;
  }
  return c;
}

describe('the fused kernels\' GEMM', () => {
  const m = rnnModule();
  it.each([
    [4, 8, 3, false, false],
    [7, 13, 5, false, true],
    [1, 3, 1, true, false],
    [9, 17, 33, true, true],
    [32, 256, 64, false, false],
    [6, 21, 1500, true, true],
    [9, 3, 1100, false, false],
    [64, 20, 600, true, true],
    [65, 16, 520, false, false],
    [5, 512, 600, true, true],
  ])('M %i, N %i, K %i (transposed A: %s, accumulate: %s) matches a triple loop', (M, N, K, transposed, acc) => {
    expect(m).not.toBeNull();
    const rng = createRng(M * 1000 + N * 10 + K);
    const rand = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
    const [a, b, c] = [rand(M * K), rand(K * N), rand(M * N)];
    const [ai, ak] = transposed ? [1, M] : [K, 1];
    m!.reset();
    const [pa, pb, pc] = [m!.put(a), m!.put(b), m!.put(c)];
    m!.fn('gemm')(M, N, K, pa, ai, ak, pb, N, pc, N, acc ? 1 : 0);
    const want = plain(M, N, K, a, ai, ak, b, c, acc);
    const got = m!.view(pc, M * N);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `entry ${i}`).toBeLessThan(1e-5 * Math.max(1, K));
  });
});
