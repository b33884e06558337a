/* Layout moves between tfjs's batch-major tensors and the kernels' step-major buffers. */
#include "simd.h"

void copy(float *d, const float *s, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(d + i, wasm_v128_load(s + i));
  for (; i < n; i++) d[i] = s[i];
}

void zero(float *d, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(d + i, splat(0));
  for (; i < n; i++) d[i] = 0;
}

void to_steps(int B, int T, int F, int rev, const float *x, float *xp) {
  for (int t = 0; t < T; t++) {
    int tt = rev ? T - 1 - t : t;
    for (int b = 0; b < B; b++) copy(xp + (t * B + b) * F, x + (b * T + tt) * F, F);
  }
}

void from_steps(int B, int T, int F, int rev, const float *xp, float *x) {
  for (int t = 0; t < T; t++) {
    int tt = rev ? T - 1 - t : t;
    for (int b = 0; b < B; b++) copy(x + (b * T + tt) * F, xp + (t * B + b) * F, F);
  }
}

void steps_mask(int B, int T, int rev, const float *mask, float *mk) {
  for (int t = 0; t < T; t++) {
    int tt = rev ? T - 1 - t : t;
    for (int b = 0; b < B; b++) mk[t * B + b] = mask == 0 || mask[b * T + tt] != 0 ? 1.0f : 0.0f;
  }
}

EXPORT(transpose) void transpose(int R, int C, const float *a, int lda, float *out) {
  for (int r = 0; r < R; r++)
    for (int c = 0; c < C; c++) out[c * R + r] = a[r * lda + c];
}

EXPORT(colsum) void colsum(int R, int C, const float *a, int lda, float *out) {
  zero(out, C);
  for (int r = 0; r < R; r++) {
    const float *row = a + r * lda;
    int c = 0;
    for (; c + 4 <= C; c += 4) wasm_v128_store(out + c, wasm_f32x4_add(wasm_v128_load(out + c), wasm_v128_load(row + c)));
    for (; c < C; c++) out[c] += row[c];
  }
}

/*
 * The backward of a masked (skipped) step for one sample: the state passed
 * through unchanged, so dh goes on (plus the step's own output gradient s,
 * when given) and the step's G gate gradients are 0.
 */
void masked_step_grad(int U, const float *s, float *dh, float *dz, int G) {
  if (s)
    for (int u = 0; u < U; u += 4) {
      int n = U - u < 4 ? U - u : 4;
      st(dh + u, wasm_f32x4_add(ld(dh + u, n), ld(s + u, n)), n);
    }
  zero(dz, G);
}

/* x *= s, in place (gradients scaled to their clipped norm). */
EXPORT(scale_values) void scale_values(int n, float *x, float s) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, wasm_f32x4_mul(wasm_v128_load(x + i), splat(s)));
  for (; i < n; i++) x[i] *= s;
}

/*
 * A bidirectional layer's two directions side by side, [B, T, 2U] from two
 * [B, T, U]: the backward direction's steps come in the order it read them
 * (last step first), so they are turned back to time order. T = 1 puts two
 * last states side by side. bidir_split is its backward.
 */
EXPORT(bidir_merge) void bidir_merge(int B, int T, int U, const float *f, const float *b, float *out) {
  for (int i = 0; i < B; i++)
    for (int t = 0; t < T; t++) {
      float *o = out + (i * T + t) * 2 * U;
      copy(o, f + (i * T + t) * U, U);
      copy(o + U, b + (i * T + T - 1 - t) * U, U);
    }
}

EXPORT(bidir_split) void bidir_split(int B, int T, int U, const float *d, float *df, float *db) {
  for (int i = 0; i < B; i++)
    for (int t = 0; t < T; t++) {
      const float *g = d + (i * T + t) * 2 * U;
      copy(df + (i * T + t) * U, g, U);
      copy(db + (i * T + T - 1 - t) * U, g + U, U);
    }
}

/* d += s. */
EXPORT(add_in_place) void add_in_place(int n, float *d, const float *s) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(d + i, wasm_f32x4_add(wasm_v128_load(d + i), wasm_v128_load(s + i)));
  for (; i < n; i++) d[i] += s[i];
}

/*
 * An Embedding layer: out[i] = E[id_i] for n ids (floats, truncated as
 * tfjs's cast to int32 does; an id outside [0, V) gives a row of zeros), and
 * mask[i] = id_i != 0 when mask is given (maskZero). embed_backward sums the
 * rows' gradients into dE, [V, D].
 */
EXPORT(embed_forward) void embed_forward(int n, int D, int V, const float *ids, const float *E, float *out, float *mask) {
  for (int i = 0; i < n; i++) {
    int id = (int)ids[i];
    if (id >= 0 && id < V) copy(out + i * D, E + id * D, D);
    else zero(out + i * D, D);
    if (mask) mask[i] = ids[i] != 0 ? 1.0f : 0.0f;
  }
}

EXPORT(embed_backward) void embed_backward(int n, int D, int V, const float *ids, const float *d, float *dE) {
  zero(dE, V * D);
  for (int i = 0; i < n; i++) {
    int id = (int)ids[i];
    if (id >= 0 && id < V) add_in_place(D, dE + id * D, d + i * D);
  }
}
