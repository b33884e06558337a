/*
 * The sketch-rnn mixture density loss and its gradient in one pass, the same
 * math as core/compile/mdn.ts (mdnLoss) computes with tfjs ops. Per row
 * (one step of one sample) of raw output p = [pi logits, mu_x, mu_y,
 * log sigma_x, log sigma_y, rho before tanh] (blocks of M), then 3 pen logits,
 * and target y = (dx, dy, pen down, pen up, end):
 *   sigma = e^(log sigma), rho = tanh(.), zx = (dx - mu_x) / sigma_x, ...
 *   omr = max(1 - rho^2, 1e-5),  z = zx^2 + zy^2 - 2 rho zx zy
 *   log N = -z / (2 omr) - (log 2pi + log sigma_x + log sigma_y + log(omr) / 2)
 *   a = logsoftmax(pi) + log N,  logMix = logsumexp(a)
 *   loss = mean(-logMix * (1 - end)) + mean(-sum(pen * logsoftmax(pen logits)))
 * The gradient is of the loss with respect to p and y, as tfjs's gradients of
 * those ops give it (max passes its gradient to 1 - rho^2 where that is >= 1e-5).
 */
#include "simd.h"

#define MAXM 128
#define LOG_2PI 1.8378770664093453f
#define MIN_OMR 1e-5f

/* tanh as Cephes tanhf (a polynomial below |x| = 0.625, 1 - 2/(e^2|x| + 1) above): closer than simd.h's
   one-division form, which the recurrent kernels trade for speed; here tanh is a small part of the work. */
INLINE v4 mtanh(v4 x) {
  v4 ax = wasm_f32x4_abs(x);
  v4 z = wasm_f32x4_mul(x, x);
  v4 p = splat(-5.70498872745E-3f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), splat(2.06390887954E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), splat(-5.37397155531E-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), splat(1.33314422036E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, z), splat(-3.33332819422E-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, z), x), x);
  v4 e = vexp(wasm_f32x4_add(ax, ax));
  v4 big = wasm_f32x4_sub(splat(1.0f), wasm_f32x4_div(splat(2.0f), wasm_f32x4_add(e, splat(1.0f))));
  big = wasm_v128_or(big, wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000)));
  return wasm_v128_bitselect(p, big, wasm_f32x4_lt(ax, splat(0.625f)));
}

INLINE float hmax(v4 v) {
  v = wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return lane0(wasm_f32x4_max(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2)));
}

/* The parts of logsumexp as tfjs computes it, max + log(sum(e^(x - max))): the max and the log of the sum. */
INLINE void lse(const float *x, int n, float *max, float *logSum) {
  float m = x[0];
  for (int i = 1; i < n; i++) m = x[i] > m ? x[i] : m;
  float s = 0;
  for (int i = 0; i < n; i++) s += sexp(x[i] - m);
  *max = m;
  *logSum = slog(s);
}

/* The same over n4 floats (whole vectors) whose padding is -infinity; the sum is added lane by lane as above. */
INLINE void vlse(const float *x, int n4, float *max, float *logSum) {
  v4 mv = wasm_v128_load(x);
  for (int i = 4; i < n4; i += 4) mv = wasm_f32x4_max(mv, wasm_v128_load(x + i));
  float m = hmax(mv);
  float e[MAXM];
  for (int i = 0; i < n4; i += 4) wasm_v128_store(e + i, vexp(wasm_f32x4_sub(wasm_v128_load(x + i), splat(m))));
  float s = 0;
  for (int i = 0; i < n4; i++) s += e[i];
  *max = m;
  *logSum = slog(s);
}

/*
 * N rows, M mixtures; y [N,5], p [N,6M+3]. Writes dp [N,6M+3] and dy [N,5]
 * (gradients of the loss) and returns the loss. M <= 128.
 */
EXPORT(mdn_loss)
double mdn_loss(int N, int M, const float *y, const float *p, float *dp, float *dy) {
  int W = 6 * M + 3, M4 = (M + 3) & ~3;
  float inv = 1.0f / (float)N;
  double offsetSum = 0, penSum = 0;
  /* Per mixture of the row: padded to whole vectors (padding gives finite values and is never written out). */
  float PI[MAXM], MX[MAXM], MY[MAXM], LX[MAXM], LY[MAXM], RR[MAXM];
  float A[MAXM], LOGPI[MAXM], FX[MAXM], FY[MAXM], DLX[MAXM], DLY[MAXM], DRHO[MAXM];
  for (int k = M; k < M4; k++) {
    PI[k] = -__builtin_inff(); /* no weight: e^(-inf) adds nothing to a sum, and A is -inf there too */
    MX[k] = MY[k] = LX[k] = LY[k] = RR[k] = 0;
  }
  for (int r = 0; r < N; r++) {
    const float *pr = p + r * W, *yr = y + r * 5;
    float *dpr = dp + r * W;
    for (int k = 0; k < M; k++) {
      PI[k] = pr[k]; MX[k] = pr[M + k]; MY[k] = pr[2 * M + k];
      LX[k] = pr[3 * M + k]; LY[k] = pr[4 * M + k]; RR[k] = pr[5 * M + k];
    }
    float piMax, piLog;
    vlse(PI, M4, &piMax, &piLog);
    v4 dxv = splat(yr[0]), dyv = splat(yr[1]);
    for (int k = 0; k < M4; k += 4) {
      v4 rho = mtanh(wasm_v128_load(RR + k));
      v4 lx = wasm_v128_load(LX + k), ly = wasm_v128_load(LY + k);
      v4 sx = vexp(lx), sy = vexp(ly);
      v4 zx = wasm_f32x4_div(wasm_f32x4_sub(dxv, wasm_v128_load(MX + k)), sx);
      v4 zy = wasm_f32x4_div(wasm_f32x4_sub(dyv, wasm_v128_load(MY + k)), sy);
      v4 omrRaw = wasm_f32x4_sub(splat(1.0f), wasm_f32x4_mul(rho, rho));
      v4 kept = wasm_f32x4_ge(omrRaw, splat(MIN_OMR));
      v4 omr = wasm_f32x4_max(omrRaw, splat(MIN_OMR));
      v4 zxy = wasm_f32x4_mul(zx, zy);
      v4 z = wasm_f32x4_sub(wasm_f32x4_add(wasm_f32x4_mul(zx, zx), wasm_f32x4_mul(zy, zy)), wasm_f32x4_mul(splat(2.0f), wasm_f32x4_mul(rho, zxy)));
      v4 expo = wasm_f32x4_neg(wasm_f32x4_div(z, wasm_f32x4_mul(splat(2.0f), omr)));
      v4 logNorm = wasm_f32x4_add(wasm_f32x4_add(splat(LOG_2PI), wasm_f32x4_add(lx, ly)), wasm_f32x4_mul(splat(0.5f), vlog(omr)));
      v4 logPi = wasm_f32x4_sub(wasm_f32x4_sub(wasm_v128_load(PI + k), splat(piMax)), splat(piLog));
      wasm_v128_store(LOGPI + k, logPi);
      wasm_v128_store(A + k, wasm_f32x4_add(logPi, wasm_f32x4_sub(expo, logNorm)));
      /* d log N / d(mu, log sigma, rho): factors of the gradient, used once the responsibilities are known. */
      v4 ex = wasm_f32x4_sub(zx, wasm_f32x4_mul(rho, zy)), ey = wasm_f32x4_sub(zy, wasm_f32x4_mul(rho, zx));
      v4 fx = wasm_f32x4_div(ex, wasm_f32x4_mul(omr, sx)), fy = wasm_f32x4_div(ey, wasm_f32x4_mul(omr, sy));
      wasm_v128_store(FX + k, fx);
      wasm_v128_store(FY + k, fy);
      wasm_v128_store(DLX + k, wasm_f32x4_sub(wasm_f32x4_div(wasm_f32x4_mul(zx, ex), omr), splat(1.0f)));
      wasm_v128_store(DLY + k, wasm_f32x4_sub(wasm_f32x4_div(wasm_f32x4_mul(zy, ey), omr), splat(1.0f)));
      v4 viaOmr = wasm_f32x4_sub(wasm_f32x4_div(rho, omr), wasm_f32x4_div(wasm_f32x4_mul(rho, z), wasm_f32x4_mul(omr, omr)));
      v4 drho = wasm_f32x4_add(wasm_f32x4_div(zxy, omr), wasm_v128_and(viaOmr, kept));
      wasm_v128_store(DRHO + k, wasm_f32x4_mul(drho, omrRaw)); /* through tanh: 1 - rho^2, unclamped */
    }
    float aMax, aLog;
    vlse(A, M4, &aMax, &aLog);
    float logMix = aMax + aLog;
    float notEnded = 1.0f - yr[4];
    float w = notEnded * inv;
    offsetSum += (double)(-logMix * notEnded);
    v4 gx = splat(0), gy = splat(0);
    for (int k = 0; k < M4; k += 4) {
      int n = M - k < 4 ? M - k : 4;
      v4 resp = vexp(wasm_f32x4_sub(wasm_v128_load(A + k), splat(logMix)));
      v4 pi = vexp(wasm_v128_load(LOGPI + k));
      v4 g = wasm_f32x4_mul(splat(-w), resp); /* d loss / d log N_k */
      v4 fx = wasm_v128_load(FX + k), fy = wasm_v128_load(FY + k);
      st(dpr + k, wasm_f32x4_mul(splat(-w), wasm_f32x4_sub(resp, pi)), n);
      st(dpr + M + k, wasm_f32x4_mul(g, fx), n);
      st(dpr + 2 * M + k, wasm_f32x4_mul(g, fy), n);
      st(dpr + 3 * M + k, wasm_f32x4_mul(g, wasm_v128_load(DLX + k)), n);
      st(dpr + 4 * M + k, wasm_f32x4_mul(g, wasm_v128_load(DLY + k)), n);
      st(dpr + 5 * M + k, wasm_f32x4_mul(g, wasm_v128_load(DRHO + k)), n);
      /* Padded lanes: g = 0 (resp = e^-inf), and their factors are finite. */
      gx = wasm_f32x4_sub(gx, wasm_f32x4_mul(g, fx));
      gy = wasm_f32x4_sub(gy, wasm_f32x4_mul(g, fy));
    }
    float gdx = hsum(gx), gdy = hsum(gy);
    float penMax, penLog;
    lse(pr + 6 * M, 3, &penMax, &penLog);
    float penTotal = yr[2] + yr[3] + yr[4], penTerm = 0;
    for (int j = 0; j < 3; j++) {
      float lsm = pr[6 * M + j] - penMax - penLog;
      penTerm -= yr[2 + j] * lsm;
      dpr[6 * M + j] = (sexp(lsm) * penTotal - yr[2 + j]) * inv;
      dy[r * 5 + 2 + j] = -lsm * inv;
    }
    penSum += (double)penTerm;
    dy[r * 5] = gdx;
    dy[r * 5 + 1] = gdy;
    dy[r * 5 + 4] += logMix * inv;
  }
  return offsetSum / N + penSum / N;
}
