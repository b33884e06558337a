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
/* The forward needs no scratch since its steps add h·R into the stored gates; the size stays in the ABI. */
EXPORT(gru_fwd_scratch) int gru_fwd_scratch(int B, int T, int F, int U) { return 0; }
EXPORT(gru_bwd_scratch) int gru_bwd_scratch(int B, int T, int F, int U) {
  return T * B * 3 * U + 3 * U * U + 3 * U * F + 2 * B * U + T * B * F;
}

/* The update and reset gates of one step (their pre-activations hold x·W + b + h·R), and r*h for the candidate's GEMM. */
INLINE void gru_gates(int B, int U, int ract, int n4, float *g, const float *hp, float *rh) {
  int G3 = 3 * U;
  for (int b = 0; b < B; b++, g += G3, hp += U, rh += U) {
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 z = vact(ld(g + u, n), ract), r = vact(ld(g + U + u, n), ract);
      st(g + u, z, n);
      st(g + U + u, r, n);
      st(rh + u, wasm_f32x4_mul(r, ld(hp + u, n)), n);
    }
  }
}

/* The candidate (its pre-activation holds x·W + b + (r*h)·R) and the new state. */
INLINE void gru_state(int B, int U, int act, int n4, float *g, const float *mk, const float *hp, float *hn) {
  int G3 = 3 * U;
  for (int b = 0; b < B; b++, g += G3, hp += U, hn += U) {
    int keep = mk[b] != 0;
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 hh = vact(ld(g + 2 * U + u, n), act);
      v4 z = ld(g + u, n), h = ld(hp + u, n);
      st(g + 2 * U + u, hh, n);
      v4 h2 = wasm_f32x4_add(wasm_f32x4_mul(z, h), wasm_f32x4_mul(wasm_f32x4_sub(splat(1.0f), z), hh));
      st(hn + u, keep ? h2 : h, n);
    }
  }
}

EXPORT(gru_forward)
void gru_forward(int B, int T, int F, int U, int flags, const float *x, const float *mask, const float *h0, const float *W,
                 const float *R, const float *bias, float *hseq, float *hT, float *ws, float *scratch) {
  int rev = flags & 1, z0 = flags & 2, act = (flags >> 4) & 15, ract = (flags >> 8) & 15, G3 = 3 * U;
  float *XP = ws, *G = XP + T * B * F, *RH = G + T * B * G3, *HS = RH + T * B * U, *MK = HS + (T + 1) * B * U;
  (void)scratch;
  to_steps(B, T, F, rev, x, XP);
  steps_mask(B, T, rev, mask, MK);
  copy(HS, h0, B * U);
  /* G = x·W + b for every step at once; each step then adds its recurrent products in place. */
  gemm_init(T * B, G3, F, XP, F, 1, W, G3, G, G3, bias, 0);
  int fast = U % 4 == 0 && act == ACT_TANH && ract == ACT_SIGMOID;
  for (int t = 0; t < T; t++) {
    const float *hp = HS + t * B * U;
    float *hn = HS + (t + 1) * B * U, *rh = RH + t * B * U, *g = G + t * B * G3;
    int first = t == 0 && z0; /* h = 0: both recurrent products are 0 */
    if (!first) gemm(B, 2 * U, U, hp, U, 1, R, G3, g, G3, 1);
    if (fast) gru_gates(B, U, ACT_SIGMOID, 4, g, hp, rh);
    else gru_gates(B, U, ract, 0, g, hp, rh);
    if (!first) gemm(B, U, U, rh, U, 1, R + 2 * U, G3, g + 2 * U, G3, 1);
    if (fast) gru_state(B, U, ACT_TANH, 4, g, MK + t * B, hp, hn);
    else gru_state(B, U, act, 0, g, MK + t * B, hp, hn);
  }
  from_steps(B, T, U, 0, HS + B * U, hseq);
  copy(hT, HS + T * B * U, B * U);
}

/* One step back, first half: dh (plus the step's output gradient) into dz for z and the candidate; dh keeps the part through z. */
INLINE void gru_back_state(int B, int T, int U, int act, int ract, int n4, const float *g, const float *hp, const float *mk, const float *dseq,
                           float *dh, float *dz) {
  int G3 = 3 * U;
  for (int b = 0; b < B; b++, g += G3, hp += U, dh += U, dz += G3) {
    const float *s = dseq ? dseq + b * T * U : 0;
    if (mk[b] == 0) {
      masked_step_grad(U, s, dh, dz, G3);
      continue;
    }
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 z = ld(g + u, n), hh = ld(g + 2 * U + u, n), h = ld(hp + u, n), d = ld(dh + u, n);
      if (s) d = wasm_f32x4_add(d, ld(s + u, n));
      st(dz + u, wasm_f32x4_mul(wasm_f32x4_mul(d, wasm_f32x4_sub(h, hh)), vdact(z, ract)), n);
      st(dz + 2 * U + u, wasm_f32x4_mul(wasm_f32x4_mul(d, wasm_f32x4_sub(splat(1.0f), z)), vdact(hh, act)), n);
      st(dh + u, wasm_f32x4_mul(d, z), n);
    }
  }
}

/* Second half: the gradient of r*h (drh) into dz for r, and into dh through h. */
INLINE void gru_back_reset(int B, int U, int ract, int n4, const float *g, const float *hp, const float *mk, const float *drh, float *dh,
                           float *dz) {
  int G3 = 3 * U;
  for (int b = 0; b < B; b++, g += G3, hp += U, drh += U, dh += U, dz += G3) {
    if (mk[b] == 0) continue;
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 r = ld(g + U + u, n), d = ld(drh + u, n);
      st(dz + U + u, wasm_f32x4_mul(wasm_f32x4_mul(d, ld(hp + u, n)), vdact(r, ract)), n);
      st(dh + u, wasm_f32x4_add(ld(dh + u, n), wasm_f32x4_mul(d, r)), n);
    }
  }
}

EXPORT(gru_backward)
void gru_backward(int B, int T, int F, int U, int flags, const float *W, const float *R, const float *ws, const float *dhseq,
                  const float *dhT, float *dx, float *dh0, float *dW, float *dR, float *db, float *scratch) {
  int rev = flags & 1, z0 = flags & 2, act = (flags >> 4) & 15, ract = (flags >> 8) & 15, G3 = 3 * U;
  const float *XP = ws, *G = XP + T * B * F, *RH = G + T * B * G3, *HS = RH + T * B * U, *MK = HS + (T + 1) * B * U;
  float *dZ = scratch, *R1T = dZ + T * B * G3, *R2T = R1T + 2 * U * U, *WT = R2T + U * U, *dh = WT + G3 * F, *drh = dh + B * U, *dXP = drh + B * U;
  transpose(U, 2 * U, R, G3, R1T);
  transpose(U, U, R + 2 * U, G3, R2T);
  if (dx) transpose(F, G3, W, G3, WT);
  copy(dh, dhT, B * U);
  int fast = U % 4 == 0 && act == ACT_TANH && ract == ACT_SIGMOID;
  for (int t = T - 1; t >= 0; t--) {
    const float *hp = HS + t * B * U, *g = G + t * B * G3, *mk = MK + t * B, *s = dhseq ? dhseq + t * U : 0;
    float *dz = dZ + t * B * G3;
    if (fast) gru_back_state(B, T, U, ACT_TANH, ACT_SIGMOID, 4, g, hp, mk, s, dh, dz);
    else gru_back_state(B, T, U, act, ract, 0, g, hp, mk, s, dh, dz);
    int first = t == 0 && z0; /* h = 0 and no gradient wanted for it: drh only meets h (0) and dh0 */
    if (first) zero(drh, B * U);
    else gemm(B, U, U, dz + 2 * U, G3, 1, R2T, U, drh, U, 0);
    if (fast) gru_back_reset(B, U, ACT_SIGMOID, 4, g, hp, mk, drh, dh, dz);
    else gru_back_reset(B, U, ract, 0, g, hp, mk, drh, dh, dz);
    if (!first) gemm(B, U, 2 * U, dz, G3, 1, R1T, U, dh, U, 1);
  }
  copy(dh0, dh, B * U);
  int z0_rows = z0 ? 1 : 0;
  gemm(F, G3, T * B, XP, 1, F, dZ, G3, dW, G3, 0);
  gemm(U, 2 * U, (T - z0_rows) * B, HS + z0_rows * B * U, 1, U, dZ + z0_rows * B * G3, G3, dR, G3, 0);
  gemm(U, U, (T - z0_rows) * B, RH + z0_rows * B * U, 1, U, dZ + z0_rows * B * G3 + 2 * U, G3, dR + 2 * U, G3, 0);
  colsum(T * B, G3, dZ, G3, db);
  /* dx = 0: the input needs no gradient (the first layer of a whole training step). */
  if (dx) {
    gemm(T * B, F, G3, dZ, G3, 1, WT, F, dXP, F, 0);
    from_steps(B, T, F, rev, dXP, dx);
  }
}
