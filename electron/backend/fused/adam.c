/*
 * One Adam update of one variable, in place, as tfjs 4.22's AdamOptimizer
 * computes it op by op in float32 (the same operations in the same order,
 * so the results are the same bits):
 *   m' = m*b1 + g*(1-b1);  s' = s*b2 + g*g*(1-b2)
 *   value' = (m'/c1) / (sqrt(s'/c2) + eps) * -lr + value,  c = 1 - beta^t
 */
#include "simd.h"

EXPORT(adam_update)
void adam_update(int n, float *value, const float *g, float *m, float *s, float b1, float omb1, float b2, float omb2, float c1, float c2, float eps,
                 float neglr) {
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    v4 gv = wasm_v128_load(g + i);
    v4 mv = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), splat(b1)), wasm_f32x4_mul(gv, splat(omb1)));
    v4 sv = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(s + i), splat(b2)), wasm_f32x4_mul(wasm_f32x4_mul(gv, gv), splat(omb2)));
    wasm_v128_store(m + i, mv);
    wasm_v128_store(s + i, sv);
    v4 den = wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(sv, splat(c2))), splat(eps));
    v4 step = wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_div(mv, splat(c1)), den), splat(neglr));
    wasm_v128_store(value + i, wasm_f32x4_add(step, wasm_v128_load(value + i)));
  }
  for (; i < n; i++) {
    float gv = g[i];
    float mv = m[i] * b1 + gv * omb1;
    float sv = s[i] * b2 + (gv * gv) * omb2;
    m[i] = mv;
    s[i] = sv;
    value[i] = ((mv / c1) / (__builtin_sqrtf(sv / c2) + eps)) * neglr + value[i];
  }
}

/* Plain gradient descent, as tfjs 4.22's SGDOptimizer computes it: value' = (-lr * g) + value. */
EXPORT(sgd_update) void sgd_update(int n, float *value, const float *g, float neglr) {
  for (int i = 0; i < n; i++) value[i] = neglr * g[i] + value[i];
}
