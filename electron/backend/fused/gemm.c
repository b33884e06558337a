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

/*
 * The last N % 8 columns: copied, K_TAIL rows at a time, into an 8-wide
 * panel padded with zeros, so they run on the same tiles as the rest
 * (a 1-4 wide tile with partial loads of B at every k ran ~10x slower).
 * The tiles write the panel's product to a small block, of which the real
 * columns are added to C.
 */
#define K_TAIL 1024
static float tail_panel[K_TAIL * 8];

static void gemm_tail(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc, int from,
                      const float *I, int li, int j0) {
  int nt = N - j0;
  float blk[4 * 8];
  for (int k0 = 0; k0 < K; k0 += K_TAIL) {
    int kc = K - k0 < K_TAIL ? K - k0 : K_TAIL;
    for (int k = 0; k < kc; k++) {
      const float *b = B + (k0 + k) * ldb + j0;
      for (int c = 0; c < 8; c++) tail_panel[k * 8 + c] = c < nt ? b[c] : 0;
    }
    /* The first block starts from I, or C when accumulating, or 0; later ones add to C. */
    int useI = k0 == 0 && from, useC = k0 > 0 || acc;
    for (int i = 0; i < M; i += 4) {
      int rows = M - i < 4 ? M - i : 4;
      const float *a = A + i * ai + k0 * ak;
      if (rows == 4) tile4x8(kc, a, ai, ak, tail_panel, 8, blk, 8, 0, 0, 0, 0);
      else
        for (int r = 0; r < rows; r++) tile1x8(kc, a + r * ai, ak, tail_panel, 8, blk + r * 8, 0, 0, 0);
      for (int r = 0; r < rows; r++) {
        float *c = C + (i + r) * ldc + j0;
        const float *in = I + (i + r) * li + j0;
        for (int j = 0; j < nt; j++) c[j] = (useI ? in[j] : useC ? c[j] : 0) + blk[r * 8 + j];
      }
    }
  }
}

/*
 * Long K (the weight gradients sum over every step and batch row): K_PACK
 * rows of an 8-wide column panel of B are copied together first and serve
 * every row block. Read in place, the panel's rows lie a power of two
 * apart (4U floats) and share a few cache sets, so each tile reloaded them
 * from L2 or beyond (31 GFLOP/s on 128x512x1600 before). Only where there
 * are rows enough to pay for the copy (it cost 5-25 % with 8 or 32 rows
 * and rows 1 KB apart), or where the rows are 2 KB apart or a multiple of
 * it (with 5 or 32 rows and 4U = 512: 19 -> 26 and 26 -> 46 GFLOP/s).
 */
#define K_PACK 256
static float pack_panel[K_PACK * 8];

static void gemm_packed(int M, int n8, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc, int from,
                        const float *I, int li) {
  for (int k0 = 0; k0 < K; k0 += K_PACK) {
    int kc = K - k0 < K_PACK ? K - k0 : K_PACK;
    int add = k0 > 0 || acc, init = k0 == 0 && from;
    for (int j = 0; j < n8; j += 8) {
      for (int k = 0; k < kc; k++) {
        const float *b = B + (k0 + k) * ldb + j;
        wasm_v128_store(pack_panel + k * 8, wasm_v128_load(b));
        wasm_v128_store(pack_panel + k * 8 + 4, wasm_v128_load(b + 4));
      }
      int i = 0;
      for (; i + 4 <= M; i += 4) {
        const float *a = A + i * ai + k0 * ak;
        float *c = C + i * ldc + j;
        if (init) tile4x8(kc, a, ai, ak, pack_panel, 8, c, ldc, 0, 1, I + i * li + j, li);
        else if (add) tile4x8(kc, a, ai, ak, pack_panel, 8, c, ldc, 1, 0, 0, 0);
        else tile4x8(kc, a, ai, ak, pack_panel, 8, c, ldc, 0, 0, 0, 0);
      }
      for (; i < M; i++) {
        const float *a = A + i * ai + k0 * ak;
        float *c = C + i * ldc + j;
        if (init) tile1x8(kc, a, ak, pack_panel, 8, c, 0, 1, I + i * li + j);
        else tile1x8(kc, a, ak, pack_panel, 8, c, add, 0, 0);
      }
    }
  }
}

INLINE void gemm_body(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc, int from,
                      const float *I, int li) {
  int n8 = N & ~7;
  int i = 0;
  if (K >= 2 * K_PACK && (M >= 64 || ldb % 512 == 0)) {
    gemm_packed(M, n8, K, A, ai, ak, B, ldb, C, ldc, acc, from, I, li);
    i = M;
  }
  for (; i + 4 <= M; i += 4) {
    for (int j = 0; j < n8; j += 8) tile4x8(K, A + i * ai, ai, ak, B + j, ldb, C + i * ldc + j, ldc, acc, from, I + i * li + j, li);
  }
  for (; i < M; i++) {
    for (int j = 0; j < n8; j += 8) tile1x8(K, A + i * ai, ak, B + j, ldb, C + i * ldc + j, acc, from, I + i * li + j);
  }
  if (n8 < N) gemm_tail(M, N, K, A, ai, ak, B, ldb, C, ldc, acc, from, I, li, n8);
}

EXPORT(gemm) void gemm(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc) {
  gemm_body(M, N, K, A, ai, ak, B, ldb, C, ldc, acc, 0, C, 0);
}

void gemm_init(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, const float *I, int li) {
  gemm_body(M, N, K, A, ai, ak, B, ldb, C, ldc, 0, 1, I, li);
}
