/* The GEMM every fused kernel runs on: see simd.h for the contract. */
#include "simd.h"

#define MAC(c, a, b) c = wasm_f32x4_add(c, wasm_f32x4_mul(a, b))

/*
 * The tiles start their accumulators from I (row stride li; 0 repeats one
 * row, as a bias) when `from` is 1, else from 0; and add C to the result
 * when `acc` is 1. `from` is a constant at every call, so each GEMM below
 * gets its own loop without the test.
 */
INLINE v4 init(int from, const float *I, int off) { return from ? wasm_v128_load(I + off) : splat(0); }

INLINE void put(float *c, v4 v, int acc) {
  wasm_v128_store(c, acc ? wasm_f32x4_add(wasm_v128_load(c), v) : v);
}

/* Rows i..i+3, columns j..j+7. */
INLINE void tile4x8(int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc, int from, const float *I, int li) {
  v4 c00 = init(from, I, 0), c01 = init(from, I, 4), c10 = init(from, I, li), c11 = init(from, I, li + 4);
  v4 c20 = init(from, I, 2 * li), c21 = init(from, I, 2 * li + 4), c30 = init(from, I, 3 * li), c31 = init(from, I, 3 * li + 4);
  const float *a0 = A, *a1 = A + ai, *a2 = A + 2 * ai, *a3 = A + 3 * ai;
  for (int k = 0; k < K; k++) {
    v4 b0 = wasm_v128_load(B), b1 = wasm_v128_load(B + 4);
    B += ldb;
    v4 x = wasm_v128_load32_splat(a0);
    MAC(c00, x, b0); MAC(c01, x, b1);
    x = wasm_v128_load32_splat(a1);
    MAC(c10, x, b0); MAC(c11, x, b1);
    x = wasm_v128_load32_splat(a2);
    MAC(c20, x, b0); MAC(c21, x, b1);
    x = wasm_v128_load32_splat(a3);
    MAC(c30, x, b0); MAC(c31, x, b1);
    a0 += ak; a1 += ak; a2 += ak; a3 += ak;
  }
  put(C, c00, acc); put(C + 4, c01, acc);
  C += ldc; put(C, c10, acc); put(C + 4, c11, acc);
  C += ldc; put(C, c20, acc); put(C + 4, c21, acc);
  C += ldc; put(C, c30, acc); put(C + 4, c31, acc);
}

/* One row, columns j..j+7. */
INLINE void tile1x8(int K, const float *A, int ak, const float *B, int ldb, float *C, int acc, int from, const float *I) {
  v4 c0 = init(from, I, 0), c1 = init(from, I, 4);
  for (int k = 0; k < K; k++) {
    v4 x = wasm_v128_load32_splat(A);
    MAC(c0, x, wasm_v128_load(B)); MAC(c1, x, wasm_v128_load(B + 4));
    A += ak; B += ldb;
  }
  put(C, c0, acc); put(C + 4, c1, acc);
}

/* One row, 1..4 columns starting at j (the tail of a row). */
INLINE void tile1xn(int K, const float *A, int ak, const float *B, int ldb, float *C, int n, int acc, int from, const float *I) {
  v4 c0 = from ? ld(I, n) : splat(0);
  for (int k = 0; k < K; k++) {
    MAC(c0, wasm_v128_load32_splat(A), ld(B, n));
    A += ak; B += ldb;
  }
  if (acc) c0 = wasm_f32x4_add(c0, ld(C, n));
  st(C, c0, n);
}

INLINE void gemm_body(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc, int from,
                      const float *I, int li) {
  int n8 = N & ~7;
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    for (int j = 0; j < n8; j += 8) tile4x8(K, A + i * ai, ai, ak, B + j, ldb, C + i * ldc + j, ldc, acc, from, I + i * li + j, li);
  }
  for (; i < M; i++) {
    for (int j = 0; j < n8; j += 8) tile1x8(K, A + i * ai, ak, B + j, ldb, C + i * ldc + j, acc, from, I + i * li + j);
  }
  for (i = 0; i < M; i++) {
    for (int j = n8; j < N; j += 4) {
      int n = N - j < 4 ? N - j : 4;
      tile1xn(K, A + i * ai, ak, B + j, ldb, C + i * ldc + j, n, acc, from, I + i * li + j);
    }
  }
}

EXPORT(gemm) void gemm(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc) {
  gemm_body(M, N, K, A, ai, ak, B, ldb, C, ldc, acc, 0, C, 0);
}

void gemm_init(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, const float *I, int li) {
  gemm_body(M, N, K, A, ai, ak, B, ldb, C, ldc, 0, 1, I, li);
}
