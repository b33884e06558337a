/* The sum of squares of a gradient, accumulated in double (the global norm adds these over all gradients). */
#include "simd.h"

EXPORT(sum_squares)
double sum_squares(int n, const float *g) {
  v4 a0 = splat(0), a1 = splat(0);
  double total = 0;
  int i = 0;
  /* Four-lane float partial sums over short blocks, folded into the double total per block. */
  while (i + 8 <= n) {
    int end = i + 1024 < n ? i + 1024 : n;
    for (; i + 8 <= end; i += 8) {
      v4 x = wasm_v128_load(g + i), y = wasm_v128_load(g + i + 4);
      a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(x, x));
      a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(y, y));
    }
    v4 s = wasm_f32x4_add(a0, a1);
    total += (double)wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1) + wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3);
    a0 = a1 = splat(0);
  }
  for (; i < n; i++) total += (double)g[i] * g[i];
  return total;
}
