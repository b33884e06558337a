/*
 * A whole GRU layer (reset_after = false, the only form tfjs-layers 4.22 has)
 * over all its steps, forward and backward, as its GRUCell computes it
 * (kernel [F,3U], recurrent kernel [U,3U], bias [3U], gates z, r, h):
 *   xw = x·W + b;  z = ract(xw_z + h·R_z);  r = ract(xw_r + h·R_r)
 *   hh = act(xw_h + (r*h)·R_h);  h' = z*h + (1-z)*hh
 * A masked step keeps h (and outputs it).
 */
#include "simd.h"

/* Workspace in floats: XP [T,B,F], G [T,B,3U] (z, r, hh), RH [T,B,U] (r*h), HS [T+1,B,U], MK [T,B]. */
EXPORT(gru_ws_size) int gru_ws_size(int B, int T, int F, int U) {
  return T * B * F + T * B * 3 * U + T * B * U + (T + 1) * B * U + T * B;
}
EXPORT(gru_fwd_scratch) int gru_fwd_scratch(int B, int T, int F, int U) { return 3 * B * U; }
EXPORT(gru_bwd_scratch) int gru_bwd_scratch(int B, int T, int F, int U) {
  return T * B * 3 * U + 3 * U * U + 3 * U * F + 2 * B * U + T * B * F;
}

#define N4 int n = U - u < 4 ? U - u : 4

EXPORT(gru_forward)
void gru_forward(int B, int T, int F, int U, int flags, const float *x, const float *mask, const float *h0, const float *W,
                 const float *R, const float *bias, float *hseq, float *hT, float *ws, float *scratch) {
  int rev = flags & 1, act = (flags >> 4) & 15, ract = (flags >> 8) & 15, G3 = 3 * U;
  float *XP = ws, *G = XP + T * B * F, *RH = G + T * B * G3, *HS = RH + T * B * U, *MK = HS + (T + 1) * B * U;
  float *inner = scratch, *rech = inner + 2 * B * U;
  to_steps(B, T, F, rev, x, XP);
  steps_mask(B, T, rev, mask, MK);
  copy(HS, h0, B * U);
  gemm(T * B, G3, F, XP, F, 1, W, G3, G, G3, 0);
  for (int t = 0; t < T; t++) {
    const float *hp = HS + t * B * U;
    float *hn = HS + (t + 1) * B * U, *rh = RH + t * B * U;
    gemm(B, 2 * U, U, hp, U, 1, R, G3, inner, 2 * U, 0);
    for (int b = 0; b < B; b++) {
      float *g = G + (t * B + b) * G3;
      const float *in = inner + b * 2 * U;
      for (int u = 0; u < U; u += 4) {
        N4;
        v4 z = vact(wasm_f32x4_add(wasm_f32x4_add(ld(g + u, n), ld(bias + u, n)), ld(in + u, n)), ract);
        v4 r = vact(wasm_f32x4_add(wasm_f32x4_add(ld(g + U + u, n), ld(bias + U + u, n)), ld(in + U + u, n)), ract);
        st(g + u, z, n);
        st(g + U + u, r, n);
        st(rh + b * U + u, wasm_f32x4_mul(r, ld(hp + b * U + u, n)), n);
      }
    }
    gemm(B, U, U, rh, U, 1, R + 2 * U, G3, rech, U, 0);
    for (int b = 0; b < B; b++) {
      float *g = G + (t * B + b) * G3;
      int keep = MK[t * B + b] != 0;
      for (int u = 0; u < U; u += 4) {
        N4;
        v4 hh = vact(wasm_f32x4_add(wasm_f32x4_add(ld(g + 2 * U + u, n), ld(bias + 2 * U + u, n)), ld(rech + b * U + u, n)), act);
        v4 z = ld(g + u, n), h = ld(hp + b * U + u, n);
        st(g + 2 * U + u, hh, n);
        v4 h2 = wasm_f32x4_add(wasm_f32x4_mul(z, h), wasm_f32x4_mul(wasm_f32x4_sub(splat(1.0f), z), hh));
        st(hn + b * U + u, keep ? h2 : h, n);
      }
    }
  }
  from_steps(B, T, U, 0, HS + B * U, hseq);
  copy(hT, HS + T * B * U, B * U);
}

EXPORT(gru_backward)
void gru_backward(int B, int T, int F, int U, int flags, const float *W, const float *R, const float *ws, const float *dhseq,
                  const float *dhT, float *dx, float *dh0, float *dW, float *dR, float *db, float *scratch) {
  int rev = flags & 1, act = (flags >> 4) & 15, ract = (flags >> 8) & 15, G3 = 3 * U;
  const float *XP = ws, *G = XP + T * B * F, *RH = G + T * B * G3, *HS = RH + T * B * U, *MK = HS + (T + 1) * B * U;
  float *dZ = scratch, *R1T = dZ + T * B * G3, *R2T = R1T + 2 * U * U, *WT = R2T + U * U, *dh = WT + G3 * F, *drh = dh + B * U, *dXP = drh + B * U;
  transpose(U, 2 * U, R, G3, R1T);
  transpose(U, U, R + 2 * U, G3, R2T);
  transpose(F, G3, W, G3, WT);
  copy(dh, dhT, B * U);
  for (int t = T - 1; t >= 0; t--) {
    const float *hp = HS + t * B * U;
    float *dz = dZ + t * B * G3;
    for (int b = 0; b < B; b++) {
      float *dhb = dh + b * U, *dzb = dz + b * G3;
      if (dhseq) {
        const float *s = dhseq + (b * T + t) * U;
        for (int u = 0; u < U; u += 4) {
          N4;
          st(dhb + u, wasm_f32x4_add(ld(dhb + u, n), ld(s + u, n)), n);
        }
      }
      if (MK[t * B + b] == 0) {
        zero(dzb, G3);
        continue;
      }
      const float *g = G + (t * B + b) * G3;
      for (int u = 0; u < U; u += 4) {
        N4;
        v4 z = ld(g + u, n), hh = ld(g + 2 * U + u, n), h = ld(hp + b * U + u, n), d = ld(dhb + u, n);
        st(dzb + u, wasm_f32x4_mul(wasm_f32x4_mul(d, wasm_f32x4_sub(h, hh)), vdact(z, ract)), n);
        st(dzb + 2 * U + u, wasm_f32x4_mul(wasm_f32x4_mul(d, wasm_f32x4_sub(splat(1.0f), z)), vdact(hh, act)), n);
        st(dhb + u, wasm_f32x4_mul(d, z), n);
      }
    }
    gemm(B, U, U, dz + 2 * U, G3, 1, R2T, U, drh, U, 0);
    for (int b = 0; b < B; b++) {
      if (MK[t * B + b] == 0) continue;
      const float *g = G + (t * B + b) * G3;
      float *dhb = dh + b * U, *dzb = dz + b * G3;
      for (int u = 0; u < U; u += 4) {
        N4;
        v4 r = ld(g + U + u, n), d = ld(drh + b * U + u, n);
        st(dzb + U + u, wasm_f32x4_mul(wasm_f32x4_mul(d, ld(hp + b * U + u, n)), vdact(r, ract)), n);
        st(dhb + u, wasm_f32x4_add(ld(dhb + u, n), wasm_f32x4_mul(d, r)), n);
      }
    }
    gemm(B, U, 2 * U, dz, G3, 1, R1T, U, dh, U, 1);
  }
  copy(dh0, dh, B * U);
  gemm(F, G3, T * B, XP, 1, F, dZ, G3, dW, G3, 0);
  gemm(U, 2 * U, T * B, HS, 1, U, dZ, G3, dR, G3, 0);
  gemm(U, U, T * B, RH, 1, U, dZ + 2 * U, G3, dR + 2 * U, G3, 0);
  colsum(T * B, G3, dZ, G3, db);
  gemm(T * B, F, G3, dZ, G3, 1, WT, F, dXP, F, 0);
  from_steps(B, T, F, rev, dXP, dx);
}
