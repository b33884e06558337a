/*
 * Helpers the fused recurrent kernels share: activations on four lanes at a
 * time, partial loads and stores for row tails, and the GEMM micro-kernel.
 * No libc: this builds with clang --target=wasm32 -nostdlib.
 */
#ifndef SEQWIRE_SIMD_H
#define SEQWIRE_SIMD_H

#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE static inline __attribute__((always_inline))

typedef v128_t v4;

/*
 * A recurrent layer's `flags`: bit 0 goBackwards; bit 1 the initial state is
 * zero and its gradient is not wanted (the whole training step), so the first
 * step's recurrent products, which are zero, are skipped; bits 4-7 the
 * activation, bits 8-11 the recurrent activation (codes below).
 */

/* Activation codes; the loader's table must match. */
enum { ACT_TANH = 0, ACT_SIGMOID = 1, ACT_RELU = 2, ACT_LINEAR = 3, ACT_HARD_SIGMOID = 4 };

INLINE v4 splat(float x) { return wasm_f32x4_splat(x); }

/* Four lanes from p, of which only the first n (1..4) are read; the rest are 0. */
INLINE v4 ld(const float *p, int n) {
  if (n == 4) return wasm_v128_load(p);
  float t[4] = {0, 0, 0, 0};
  for (int i = 0; i < n; i++) t[i] = p[i];
  return wasm_v128_load(t);
}

INLINE void st(float *p, v4 v, int n) {
  if (n == 4) {
    wasm_v128_store(p, v);
    return;
  }
  float t[4];
  wasm_v128_store(t, v);
  for (int i = 0; i < n; i++) p[i] = t[i];
}

/*
 * V8 compiles f32x4.min/max to NaN-exact sequences of several instructions;
 * pmin/pmax are one minps/maxps each. With x first, a NaN in x comes out.
 */
INLINE v4 vmin(v4 x, float c) { return wasm_f32x4_pmin(x, splat(c)); }
INLINE v4 vmax(v4 x, float c) { return wasm_f32x4_pmax(x, splat(c)); }

/*
 * e^x (Cephes expf, about 1 ulp) for x clamped to the float range, as
 * 2^n * (1 + m) with m = e^r - 1 for r = x - n ln 2, |r| <= ln 2 / 2. The
 * integer n = round(x / ln 2) comes from adding 1.5 * 2^23, whose low bits
 * then hold n, so 2^n is one shift and add (no float-int conversion, which
 * V8 expands to a long sequence).
 */
INLINE void vexp_parts(v4 x, v4 *m, v4 *pow2) {
  const float magic = 12582912.0f; /* 1.5 * 2^23 */
  x = vmin(vmax(x, -87.3365447f), 88.0f);
  v4 t = wasm_f32x4_add(wasm_f32x4_mul(x, splat(1.44269504088896341f)), splat(magic));
  v4 fx = wasm_f32x4_sub(t, splat(magic));
  x = wasm_f32x4_sub(x, wasm_f32x4_mul(fx, splat(0.693359375f)));
  x = wasm_f32x4_sub(x, wasm_f32x4_mul(fx, splat(-2.12194440e-4f)));
  v4 z = wasm_f32x4_mul(x, x);
  v4 y = splat(1.9875691500E-4f);
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(1.3981999507E-3f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(8.3334519073E-3f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(4.1665795894E-2f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(1.6666665459E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(5.0000001201E-1f));
  *m = wasm_f32x4_add(wasm_f32x4_mul(y, z), x);
  /* The bits of t are those of 1.5 * 2^23 plus n: shifted by 23 only n's bits stay. */
  *pow2 = wasm_i32x4_add(wasm_i32x4_shl(t, 23), wasm_i32x4_splat(127 << 23));
}

INLINE v4 vexp(v4 x) {
  v4 m, p;
  vexp_parts(x, &m, &p);
  return wasm_f32x4_mul(wasm_f32x4_add(m, splat(1.0f)), p);
}

/* e^x - 1 without cancellation near 0: 2^n * m + (2^n - 1), where 2^n - 1 is exact (0 for small x). */
INLINE v4 vexpm1(v4 x) {
  v4 m, p;
  vexp_parts(x, &m, &p);
  return wasm_f32x4_add(wasm_f32x4_mul(m, p), wasm_f32x4_sub(p, splat(1.0f)));
}

/* log x for x > 0 (normal floats), to about 1 ulp (Cephes logf). */
INLINE v4 vlog(v4 x) {
  v4 bits = x;
  v4 e = wasm_f32x4_convert_i32x4(wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(126)));
  x = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x007fffff)), wasm_i32x4_splat(0x3f000000)); /* in [0.5, 1) */
  v4 small = wasm_f32x4_lt(x, splat(0.707106781186547524f));
  v4 tmp = wasm_v128_and(x, small);
  x = wasm_f32x4_sub(x, splat(1.0f));
  e = wasm_f32x4_sub(e, wasm_v128_and(splat(1.0f), small));
  x = wasm_f32x4_add(x, tmp);
  v4 z = wasm_f32x4_mul(x, x);
  v4 y = splat(7.0376836292E-2f);
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(-1.1514610310E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(1.1676998740E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(-1.2420140846E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(1.4249322787E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(-1.6668057665E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(2.0000714765E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(-2.4999993993E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, x), splat(3.3333331174E-1f));
  y = wasm_f32x4_mul(wasm_f32x4_mul(y, x), z);
  y = wasm_f32x4_add(y, wasm_f32x4_mul(e, splat(-2.12194440e-4f)));
  y = wasm_f32x4_sub(y, wasm_f32x4_mul(z, splat(0.5f)));
  x = wasm_f32x4_add(x, y);
  return wasm_f32x4_add(x, wasm_f32x4_mul(e, splat(0.693359375f)));
}

/* Scalar forms and a horizontal sum. */
INLINE float lane0(v4 v) { return wasm_f32x4_extract_lane(v, 0); }
INLINE float slog(float x) { return lane0(vlog(splat(x))); }
INLINE float sexp(float x) { return lane0(vexp(splat(x))); }

INLINE float hsum(v4 v) {
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return lane0(wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2)));
}

INLINE v4 vsigmoid(v4 x) {
  return wasm_f32x4_div(splat(1.0f), wasm_f32x4_add(splat(1.0f), vexp(wasm_f32x4_neg(x))));
}

/*
 * tanh |x| = -e / (e + 2) with e = e^(-2|x|) - 1 in (-1, 0], then x's sign:
 * one exponential and one division, and accurate near 0 too (about 2 ulp).
 */
INLINE v4 vtanh(v4 x) {
  v4 sign = wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000));
  v4 ax = wasm_v128_xor(x, sign);
  v4 e = vexpm1(wasm_f32x4_mul(ax, splat(-2.0f)));
  v4 t = wasm_f32x4_div(wasm_f32x4_neg(e), wasm_f32x4_add(e, splat(2.0f)));
  return wasm_v128_or(t, sign);
}

INLINE v4 vact(v4 x, int kind) {
  switch (kind) {
    case ACT_TANH: return vtanh(x);
    case ACT_SIGMOID: return vsigmoid(x);
    case ACT_RELU: return vmax(x, 0.0f);
    case ACT_HARD_SIGMOID: return vmin(vmax(wasm_f32x4_add(splat(0.5f), wasm_f32x4_mul(splat(0.2f), x)), 0.0f), 1.0f);
    default: return x;
  }
}

/* The derivative of an activation, from its output y (as tfjs's gradients compute it). */
INLINE v4 vdact(v4 y, int kind) {
  switch (kind) {
    case ACT_TANH: return wasm_f32x4_sub(splat(1.0f), wasm_f32x4_mul(y, y));
    case ACT_SIGMOID: return wasm_f32x4_mul(y, wasm_f32x4_sub(splat(1.0f), y));
    case ACT_RELU: return wasm_v128_and(wasm_f32x4_gt(y, splat(0.0f)), splat(1.0f));
    case ACT_HARD_SIGMOID:
      return wasm_v128_and(wasm_v128_and(wasm_f32x4_gt(y, splat(0.0f)), wasm_f32x4_lt(y, splat(1.0f))), splat(0.2f));
    default: return splat(1.0f);
  }
}

/*
 * C[M,N] (= or +=) A·B where A(i,k) = A[i*ai + k*ak] (so A or its transpose,
 * row-major) and B[k,j] = B[k*ldb + j]. A 4x8 tile of accumulators (8 of the
 * 16 vector registers) streams one row of B and four scalars of A per k.
 */
void gemm(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, int acc);
/* C = I + A·B, where I has row stride li (li = 0 adds one row, a bias, to every row of C). */
void gemm_init(int M, int N, int K, const float *A, int ai, int ak, const float *B, int ldb, float *C, int ldc, const float *I, int li);

/* Layout moves (common.c). "Steps" order is [T, B, F] in the order the layer reads the steps (reversed for goBackwards). */
void to_steps(int B, int T, int F, int rev, const float *x, float *xp);
void from_steps(int B, int T, int F, int rev, const float *xp, float *x);
/* mk[t][b] = 1 where the step is kept (mask != 0, or no mask), else 0. */
void steps_mask(int B, int T, int rev, const float *mask, float *mk);
void transpose(int R, int C, const float *a, int lda, float *out);
void colsum(int R, int C, const float *a, int lda, float *out);
void copy(float *d, const float *s, int n);
void masked_step_grad(int U, const float *s, float *dh, float *dz, int G);
void zero(float *d, int n);

#endif
