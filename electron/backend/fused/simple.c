/*
 * A whole SimpleRNN layer over all its steps, forward and backward, as
 * tfjs-layers 4.22's SimpleRNNCell computes it (kernel [F,U], recurrent
 * kernel [U,U], bias [U]):  h' = act((x·W + b) + h·R).
 * A masked step keeps h (and outputs it).
 */
#include "simd.h"

/* Workspace in floats: XP [T,B,F], HA [T,B,U] (the activated step outputs), HS [T+1,B,U], MK [T,B]. */
EXPORT(simple_ws_size) int simple_ws_size(int B, int T, int F, int U) { return T * B * F + T * B * U + (T + 1) * B * U + T * B; }
/* The forward needs no scratch since its steps add h·R into the stored gates; the size stays in the ABI. */
EXPORT(simple_fwd_scratch) int simple_fwd_scratch(int B, int T, int F, int U) { return 0; }
EXPORT(simple_bwd_scratch) int simple_bwd_scratch(int B, int T, int F, int U) { return T * B * U + U * U + U * F + B * U + T * B * F; }

/* One step: the activation of x·W + b + h·R (held in ha) and the new state. */
INLINE void simple_cells(int B, int U, int act, int n4, float *ha, const float *mk, const float *hp, float *hn) {
  for (int b = 0; b < B; b++, ha += U, hp += U, hn += U) {
    int keep = mk[b] != 0;
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 h = vact(ld(ha + u, n), act);
      st(ha + u, h, n);
      st(hn + u, keep ? h : ld(hp + u, n), n);
    }
  }
}

EXPORT(simple_forward)
void simple_forward(int B, int T, int F, int U, int flags, const float *x, const float *mask, const float *h0, const float *W,
                    const float *R, const float *bias, float *hseq, float *hT, float *ws, float *scratch) {
  int rev = flags & 1, z0 = flags & 2, act = (flags >> 4) & 15;
  float *XP = ws, *HA = XP + T * B * F, *HS = HA + T * B * U, *MK = HS + (T + 1) * B * U;
  (void)scratch;
  to_steps(B, T, F, rev, x, XP);
  steps_mask(B, T, rev, mask, MK);
  copy(HS, h0, B * U);
  /* HA = x·W + b for every step at once; each step then adds h·R in place. */
  gemm_init(T * B, U, F, XP, F, 1, W, U, HA, U, bias, 0);
  int fast = U % 4 == 0 && act == ACT_TANH;
  for (int t = 0; t < T; t++) {
    const float *hp = HS + t * B * U;
    float *hn = HS + (t + 1) * B * U, *ha = HA + t * B * U;
    if (t > 0 || !z0) gemm(B, U, U, hp, U, 1, R, U, ha, U, 1);
    if (fast) simple_cells(B, U, ACT_TANH, 4, ha, MK + t * B, hp, hn);
    else simple_cells(B, U, act, 0, ha, MK + t * B, hp, hn);
  }
  from_steps(B, T, U, 0, HS + B * U, hseq);
  copy(hT, HS + T * B * U, B * U);
}

/* One step back: dh (plus the step's output gradient) through the activation into dz; a masked step passes dh on. */
INLINE void simple_cells_back(int B, int T, int U, int act, int n4, const float *ha, const float *mk, const float *dseq, float *dh, float *dz) {
  for (int b = 0; b < B; b++, ha += U, dh += U, dz += U) {
    const float *s = dseq ? dseq + b * T * U : 0;
    int keep = mk[b] != 0;
    for (int u = 0; u < U; u += 4) {
      int n = n4 ? 4 : U - u < 4 ? U - u : 4;
      v4 d = ld(dh + u, n);
      if (s) d = wasm_f32x4_add(d, ld(s + u, n));
      if (keep) {
        st(dz + u, wasm_f32x4_mul(d, vdact(ld(ha + u, n), act)), n);
        st(dh + u, splat(0), n);
      } else {
        st(dz + u, splat(0), n);
        st(dh + u, d, n);
      }
    }
  }
}

EXPORT(simple_backward)
void simple_backward(int B, int T, int F, int U, int flags, const float *W, const float *R, const float *ws, const float *dhseq,
                     const float *dhT, float *dx, float *dh0, float *dW, float *dR, float *db, float *scratch) {
  int rev = flags & 1, z0 = flags & 2, act = (flags >> 4) & 15;
  const float *XP = ws, *HA = XP + T * B * F, *HS = HA + T * B * U, *MK = HS + (T + 1) * B * U;
  float *dZ = scratch, *RT = dZ + T * B * U, *WT = RT + U * U, *dh = WT + U * F, *dXP = dh + B * U;
  transpose(U, U, R, U, RT);
  if (dx) transpose(F, U, W, U, WT);
  copy(dh, dhT, B * U);
  int fast = U % 4 == 0 && act == ACT_TANH;
  for (int t = T - 1; t >= 0; t--) {
    const float *ha = HA + t * B * U, *s = dhseq ? dhseq + t * U : 0;
    float *dz = dZ + t * B * U;
    if (fast) simple_cells_back(B, T, U, ACT_TANH, 4, ha, MK + t * B, s, dh, dz);
    else simple_cells_back(B, T, U, act, 0, ha, MK + t * B, s, dh, dz);
    if (t > 0 || !z0) gemm(B, U, U, dz, U, 1, RT, U, dh, U, 1);
  }
  copy(dh0, dh, B * U);
  int z0_rows = z0 ? 1 : 0;
  gemm(F, U, T * B, XP, 1, F, dZ, U, dW, U, 0);
  gemm(U, U, (T - z0_rows) * B, HS + z0_rows * B * U, 1, U, dZ + z0_rows * B * U, U, dR, U, 0);
  colsum(T * B, U, dZ, U, db);
  /* dx = 0: the input needs no gradient (the first layer of a whole training step). */
  if (dx) {
    gemm(T * B, F, U, dZ, U, 1, WT, F, dXP, F, 0);
    from_steps(B, T, F, rev, dXP, dx);
  }
}
