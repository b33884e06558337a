/*
 * A whole LSTM layer over all its steps, forward and backward, as tfjs-layers
 * 4.22's LSTMCell computes it (Keras layout: kernel [F,4U], recurrent kernel
 * [U,4U], bias [4U], gates i, f, c, o):
 *   z = (x·W + h·R) + b;  i, f, o = ract(z);  g = act(z_c)
 *   c' = f*c + i*g;  h' = o*act(c')
 * A masked step keeps h and c (and outputs the kept h), as tfjs's rnn() does.
 */
#include "simd.h"

/* Workspace (saved for backward), in floats: XP [T,B,F], G [T,B,4U], TC [T,B,U], HS [T+1,B,U], CS [T+1,B,U], MK [T,B]. */
EXPORT(lstm_ws_size) int lstm_ws_size(int B, int T, int F, int U) {
  return T * B * F + T * B * 4 * U + T * B * U + 2 * (T + 1) * B * U + T * B;
}
/* The forward needs no scratch since its steps add h·R into the stored gates; the size stays in the ABI. */
EXPORT(lstm_fwd_scratch) int lstm_fwd_scratch(int B, int T, int F, int U) { return 0; }
EXPORT(lstm_bwd_scratch) int lstm_bwd_scratch(int B, int T, int F, int U) {
  return T * B * 4 * U + 4 * U * U + 4 * U * F + 2 * B * U + T * B * F;
}

/*
 * One step's gates and states for every row. `n4` is 4 when U is a multiple
 * of 4 (then every load is whole) and 0 otherwise; with constants for it and
 * the activations, as the common case passes them, the compiler drops the
 * tails and the activation switch from the loop.
 */
INLINE void lstm_cells(int B, int U, int act, int ract, int n4, float *g, float *tc, const float *mk, const float *hp, const float *cp,
                       float *hn, float *cn) {
  int G4 = 4 * U;
  for (int b = 0; b < B; b++, g += G4, tc += U, hp += U, cp += U, hn += U, cn += U) {
    int keep = mk[b] != 0;
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 i = vact(ld(g + u, n), ract), f = vact(ld(g + U + u, n), ract);
      v4 gg = vact(ld(g + 2 * U + u, n), act), o = vact(ld(g + 3 * U + u, n), ract);
      v4 c = ld(cp + u, n);
      v4 c2 = wasm_f32x4_add(wasm_f32x4_mul(f, c), wasm_f32x4_mul(i, gg));
      v4 a = vact(c2, act);
      st(g + u, i, n); st(g + U + u, f, n); st(g + 2 * U + u, gg, n); st(g + 3 * U + u, o, n);
      st(tc + u, a, n);
      if (keep) {
        st(hn + u, wasm_f32x4_mul(o, a), n);
        st(cn + u, c2, n);
      } else {
        st(hn + u, ld(hp + u, n), n);
        st(cn + u, c, n);
      }
    }
  }
}

EXPORT(lstm_forward)
void lstm_forward(int B, int T, int F, int U, int flags, const float *x, const float *mask, const float *h0, const float *c0,
                  const float *W, const float *R, const float *bias, float *hseq, float *hT, float *cT, float *ws, float *scratch) {
  int rev = flags & 1, z0 = flags & 2, act = (flags >> 4) & 15, ract = (flags >> 8) & 15, G4 = 4 * U;
  float *XP = ws, *G = XP + T * B * F, *TC = G + T * B * G4, *HS = TC + T * B * U, *CS = HS + (T + 1) * B * U, *MK = CS + (T + 1) * B * U;
  (void)scratch;
  to_steps(B, T, F, rev, x, XP);
  steps_mask(B, T, rev, mask, MK);
  copy(HS, h0, B * U);
  copy(CS, c0, B * U);
  /* G = x·W + b for every step at once; each step then adds h·R in place. */
  gemm_init(T * B, G4, F, XP, F, 1, W, G4, G, G4, bias, 0);
  int fast = U % 4 == 0 && act == ACT_TANH && ract == ACT_SIGMOID;
  for (int t = 0; t < T; t++) {
    const float *hp = HS + t * B * U, *cp = CS + t * B * U;
    float *hn = HS + (t + 1) * B * U, *cn = CS + (t + 1) * B * U, *g = G + t * B * G4, *tc = TC + t * B * U;
    if (t > 0 || !z0) gemm(B, G4, U, hp, U, 1, R, G4, g, G4, 1);
    if (fast) lstm_cells(B, U, ACT_TANH, ACT_SIGMOID, 4, g, tc, MK + t * B, hp, cp, hn, cn);
    else lstm_cells(B, U, act, ract, 0, g, tc, MK + t * B, hp, cp, hn, cn);
  }
  from_steps(B, T, U, 0, HS + B * U, hseq);
  copy(hT, HS + T * B * U, B * U);
  copy(cT, CS + T * B * U, B * U);
}

/*
 * One step back for every row: dh (plus the step's own output gradient) and
 * dc through the cell into the gates' pre-activation gradients dz; dh is
 * left at 0 for the recurrent GEMM to fill, dc is carried. A masked step
 * passes dh and dc through untouched. `n4` and the activations as in lstm_cells.
 */
INLINE void lstm_cells_back(int B, int T, int U, int act, int ract, int n4, const float *g, const float *tc, const float *cp, const float *mk,
                            const float *dseq, float *dh, float *dc, float *dz) {
  int G4 = 4 * U;
  for (int b = 0; b < B; b++, g += G4, tc += U, cp += U, dh += U, dc += U, dz += G4) {
    const float *s = dseq ? dseq + b * T * U : 0;
    if (mk[b] == 0) {
      masked_step_grad(U, s, dh, dz, G4);
      continue;
    }
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 i = ld(g + u, n), f = ld(g + U + u, n), gg = ld(g + 2 * U + u, n), o = ld(g + 3 * U + u, n);
      v4 a = ld(tc + u, n), c = ld(cp + u, n);
      v4 dhv = ld(dh + u, n);
      if (s) dhv = wasm_f32x4_add(dhv, ld(s + u, n));
      v4 dcv = wasm_f32x4_add(ld(dc + u, n), wasm_f32x4_mul(wasm_f32x4_mul(dhv, o), vdact(a, act)));
      st(dz + u, wasm_f32x4_mul(wasm_f32x4_mul(dcv, gg), vdact(i, ract)), n);
      st(dz + U + u, wasm_f32x4_mul(wasm_f32x4_mul(dcv, c), vdact(f, ract)), n);
      st(dz + 2 * U + u, wasm_f32x4_mul(wasm_f32x4_mul(dcv, i), vdact(gg, act)), n);
      st(dz + 3 * U + u, wasm_f32x4_mul(wasm_f32x4_mul(dhv, a), vdact(o, ract)), n);
      st(dc + u, wasm_f32x4_mul(dcv, f), n);
      st(dh + u, splat(0), n);
    }
  }
}

EXPORT(lstm_backward)
void lstm_backward(int B, int T, int F, int U, int flags, const float *W, const float *R, const float *ws, const float *dhseq,
                   const float *dhT, const float *dcT, float *dx, float *dh0, float *dc0, float *dW, float *dR, float *db, float *scratch) {
  int rev = flags & 1, z0 = flags & 2, act = (flags >> 4) & 15, ract = (flags >> 8) & 15, G4 = 4 * U;
  const float *XP = ws, *G = XP + T * B * F, *TC = G + T * B * G4, *HS = TC + T * B * U, *CS = HS + (T + 1) * B * U, *MK = CS + (T + 1) * B * U;
  float *dZ = scratch, *RT = dZ + T * B * G4, *WT = RT + G4 * U, *dh = WT + G4 * F, *dc = dh + B * U, *dXP = dc + B * U;
  transpose(U, G4, R, G4, RT);
  if (dx) transpose(F, G4, W, G4, WT);
  copy(dh, dhT, B * U);
  copy(dc, dcT, B * U);
  int fast = U % 4 == 0 && act == ACT_TANH && ract == ACT_SIGMOID;
  for (int t = T - 1; t >= 0; t--) {
    const float *g = G + t * B * G4, *tc = TC + t * B * U, *cp = CS + t * B * U, *s = dhseq ? dhseq + t * U : 0;
    float *dz = dZ + t * B * G4;
    if (fast) lstm_cells_back(B, T, U, ACT_TANH, ACT_SIGMOID, 4, g, tc, cp, MK + t * B, s, dh, dc, dz);
    else lstm_cells_back(B, T, U, act, ract, 0, g, tc, cp, MK + t * B, s, dh, dc, dz);
    if (t > 0 || !z0) gemm(B, U, G4, dz, G4, 1, RT, U, dh, U, 1);
  }
  copy(dh0, dh, B * U);
  copy(dc0, dc, B * U);
  int z0_rows = z0 ? 1 : 0;
  gemm(F, G4, T * B, XP, 1, F, dZ, G4, dW, G4, 0);
  gemm(U, G4, (T - z0_rows) * B, HS + z0_rows * B * U, 1, U, dZ + z0_rows * B * G4, G4, dR, G4, 0);
  colsum(T * B, G4, dZ, G4, db);
  /* dx = 0: the input needs no gradient (the first layer of a whole training step). */
  if (dx) {
    gemm(T * B, F, G4, dZ, G4, 1, WT, F, dXP, F, 0);
    from_steps(B, T, F, rev, dXP, dx);
  }
}
