/*
 * The output head's loss, its gradient and its accuracy in one pass, for the
 * whole training step in one call (step-kernel.ts), as core/compile/losses.ts
 * and core/train/metrics.ts compute them with tfjs ops. `z` holds the head's
 * pre-activations (logits), one row per sample (or per step of a sample),
 * `ldz` apart; the gradient with respect to them goes to `dz` (`ldd` apart;
 * columns past n are left alone). out[0] = the mean loss, out[1] = the share
 * of rows whose most likely class is the true one.
 */
#include "simd.h"

/* losses.ts's EPSILON: log() reads max(p, 1e-7). */
#define EPSILON 1e-7f

/*
 * Softmax + categorical cross-entropy: loss = mean over rows of
 * -sum_j t_j log(clip(p_j, eps, 1)), p = softmax(z); targets one-hot rows
 * (`sparse` 0) or class ids (`sparse` 1). The clip passes no gradient where
 * p_j < eps, so with T = sum of t_j over the classes in range:
 *   dz_j = (p_j T - t_j [p_j >= eps]) / rows.
 */
EXPORT(softmax_xent)
void softmax_xent(int rows, int n, const float *z, int ldz, const float *t, int sparse, float *dz, int ldd, float *out) {
  double loss = 0;
  int correct = 0;
  float scale = 1.0f / (float)rows;
  for (int r = 0; r < rows; r++) {
    const float *zr = z + r * ldz;
    float *p = dz + r * ldd;
    int arg = 0;
    for (int j = 1; j < n; j++)
      if (zr[j] > zr[arg]) arg = j;
    float top = zr[arg], sum = 0;
    for (int j = 0; j < n; j += 4) {
      int k = n - j < 4 ? n - j : 4;
      v4 e = vexp(wasm_f32x4_sub(ld(zr + j, k), splat(top)));
      st(p + j, e, k);
      for (int i = 0; i < k; i++) sum += p[j + i];
    }
    const float *tr = sparse ? 0 : t + r * n;
    int id = sparse ? (int)t[r] : 0;
    if (!sparse)
      for (int j = 1; j < n; j++)
        if (tr[j] > tr[id]) id = j;
    correct += id == arg;
    float inRange = 0;
    for (int j = 0; j < n; j++) {
      p[j] /= sum;
      float tj = sparse ? (float)(j == id) : tr[j];
      if (tj == 0) continue;
      loss -= (double)tj * slog(p[j] < EPSILON ? EPSILON : p[j]);
      if (p[j] >= EPSILON) inRange += tj;
    }
    for (int j = 0; j < n; j++) {
      float tj = sparse ? (float)(j == id) : tr[j];
      dz[r * ldd + j] = (p[j] * inRange - (p[j] >= EPSILON ? tj : 0)) * scale;
    }
  }
  out[0] = (float)(loss / rows);
  out[1] = (float)correct / (float)rows;
}

/* A linear head + mean squared error over every value: dz = 2 (z - t) / (rows n). No accuracy (out[1] = NaN). */
EXPORT(mse_loss)
void mse_loss(int rows, int n, const float *z, int ldz, const float *t, float *dz, int ldd, float *out) {
  double loss = 0;
  float scale = 2.0f / ((float)rows * (float)n);
  for (int r = 0; r < rows; r++) {
    for (int j = 0; j < n; j++) {
      float d = z[r * ldz + j] - t[r * n + j];
      loss += (double)d * d;
      dz[r * ldd + j] = d * scale;
    }
  }
  out[0] = (float)(loss / ((double)rows * n));
  out[1] = __builtin_nanf("");
}

/* A hidden Dense layer's activation over n values in place (codes of simd.h), and its backward: dy *= act'(y), from the output y. */
EXPORT(act_forward) void act_forward(int n, float *y, int kind) {
  for (int i = 0; i < n; i += 4) {
    int k = n - i < 4 ? n - i : 4;
    st(y + i, vact(ld(y + i, k), kind), k);
  }
}

EXPORT(act_backward) void act_backward(int n, const float *y, float *dy, int kind) {
  for (int i = 0; i < n; i += 4) {
    int k = n - i < 4 ? n - i : 4;
    st(dy + i, wasm_f32x4_mul(ld(dy + i, k), vdact(ld(y + i, k), kind)), k);
  }
}

/*
 * Dropout as tfjs's ops compute it, from the uniform draws u of its
 * randomUniform: mult = floor(u + keep) / keep (0 or 1/keep), out = x * mult.
 * u is overwritten by mult, the backward's factor (mul_in_place).
 */
EXPORT(dropout_forward) void dropout_forward(int n, float *u, float keep, const float *x, float *out) {
  for (int i = 0; i < n; i++) {
    float m = __builtin_floorf(u[i] + keep) / keep;
    u[i] = m;
    out[i] = x[i] * m;
  }
}

EXPORT(mul_in_place) void mul_in_place(int n, float *d, const float *m) {
  for (int i = 0; i < n; i++) d[i] *= m[i];
}

/*
 * A sigmoid head + binary cross-entropy over every value: p = sigmoid(z),
 * loss = -mean(t log(clip p) + (1 - t) log(1 - clip p)), the clip to
 * [eps, 1 - eps] passing no gradient outside it, so dz = (p - t) / (rows n)
 * inside. No accuracy (out[1] = NaN).
 */
EXPORT(sigmoid_xent)
void sigmoid_xent(int rows, int n, const float *z, const float *t, float *dz, float *out) {
  double loss = 0;
  int total = rows * n;
  float scale = 1.0f / (float)total;
  for (int i = 0; i < total; i++) {
    float p = lane0(vsigmoid(splat(z[i])));
    float pc = p < EPSILON ? EPSILON : p > 1.0f - EPSILON ? 1.0f - EPSILON : p;
    loss -= (double)t[i] * slog(pc) + (double)(1.0f - t[i]) * slog(1.0f - pc);
    dz[i] = p >= EPSILON && p <= 1.0f - EPSILON ? (p - t[i]) * scale : 0.0f;
  }
  out[0] = (float)(loss / total);
  out[1] = __builtin_nanf("");
}
