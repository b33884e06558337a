/**
 * The step math of tfjs's (and Keras's) recurrent cells, re-run in plain
 * arrays so that a probe can see what the layers keep to themselves: the
 * state after every step and the gates. tfjs's cells give only their outputs.
 *
 * Weight layout as Keras: kernel [F, G*u], recurrent kernel [u, G*u], bias
 * [G*u]; gate blocks i, f, c, o for LSTM and z, r, h for GRU (reset_after
 * false, as tfjs has it).
 */

export type CellKind = 'LSTM' | 'GRU' | 'SimpleRNN';

export interface CellWeights {
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array | null;
}

export interface CellConfig {
  cell: CellKind;
  units: number;
  features: number;
  activation: string;
  recurrentActivation: string;
  goBackwards: boolean;
  /** A GRU as Keras 2+ has it (Seqwire's own layer): the reset gate applies after the recurrent product, with a second bias row. */
  resetAfter?: boolean;
}

/** What one cell did over one sequence, indexed by input step (a backwards cell's step t is the state after reading input t). */
export interface CellTrace {
  /** [T][u]: the hidden state after each step. */
  h: Float32Array[];
  /** [T][u]: the LSTM cell state after each step. */
  c?: Float32Array[];
  /** Per gate name, [T][u]: LSTM i, f, o and the candidate g; GRU z (update), r (reset) and the candidate hh. */
  gates: Record<string, Float32Array[]>;
}

const ACTIVATIONS: Record<string, (x: number) => number> = {
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  hardSigmoid: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)),
  relu: (x) => Math.max(0, x),
  linear: (x) => x,
  elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  selu: (x) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1)),
  softsign: (x) => x / (1 + Math.abs(x)),
};

export function activationFn(name: string): (x: number) => number {
  const key = name === 'hard_sigmoid' ? 'hardSigmoid' : name;
  if (!Object.hasOwn(ACTIVATIONS, key)) throw new Error(`probe: activation ${name} is not known`);
  return ACTIVATIONS[key];
}

const GATE_COUNT: Record<CellKind, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };

/**
 * Runs one cell over `x` ([T*F], one sample) from the initial states (zeros
 * when absent). `mask` (length T, 1 = real step) carries the state through
 * masked steps, as tfjs does.
 */
export function traceCell(config: CellConfig, w: CellWeights, x: Float32Array, steps: number, init?: { h?: Float32Array; c?: Float32Array }, mask?: ArrayLike<number>): CellTrace {
  const { units: u, features: F, cell } = config;
  const G = GATE_COUNT[cell];
  const act = activationFn(config.activation);
  const rec = activationFn(config.recurrentActivation);
  let h: Float32Array = init?.h ? Float32Array.from(init.h) : new Float32Array(u);
  let c: Float32Array = init?.c ? Float32Array.from(init.c) : new Float32Array(u);
  const trace: CellTrace = { h: new Array(steps), gates: {} };
  const gateNames = cell === 'LSTM' ? ['i', 'f', 'o', 'g'] : cell === 'GRU' ? ['z', 'r', 'hh'] : [];
  for (const g of gateNames) trace.gates[g] = new Array(steps);
  if (cell === 'LSTM') trace.c = new Array(steps);
  const zx = new Float32Array(G * u);
  const zh = new Float32Array(G * u);

  for (let k = 0; k < steps; k++) {
    const t = config.goBackwards ? steps - 1 - k : k;
    // zx = x_t W + b
    for (let j = 0; j < G * u; j++) zx[j] = w.bias ? w.bias[j] : 0;
    for (let f = 0; f < F; f++) {
      const xv = x[t * F + f];
      if (xv === 0) continue;
      const row = f * G * u;
      for (let j = 0; j < G * u; j++) zx[j] += xv * w.kernel[row + j];
    }
    const masked = mask !== undefined && !mask[t];
    if (cell === 'GRU' && config.resetAfter) {
      // bias holds two rows: the input's [3u], then the recurrent product's [3u].
      matVec(h, w.recurrentKernel, u, G * u, 0, G * u, zh);
      const z = new Float32Array(u);
      const r = new Float32Array(u);
      const hh = new Float32Array(u);
      const next = new Float32Array(u);
      const rb = (j: number) => (w.bias ? w.bias[G * u + j] : 0);
      for (let j = 0; j < u; j++) {
        z[j] = rec(zx[j] + zh[j] + rb(j));
        r[j] = rec(zx[u + j] + zh[u + j] + rb(u + j));
        hh[j] = act(zx[2 * u + j] + r[j] * (zh[2 * u + j] + rb(2 * u + j)));
        next[j] = z[j] * h[j] + (1 - z[j]) * hh[j];
      }
      if (!masked) h = next;
      record(trace.gates, t, { z, r, hh });
    } else if (cell === 'GRU') {
      // Only the z and r blocks read h directly; the candidate reads r * h.
      matVec(h, w.recurrentKernel, u, G * u, 0, 2 * u, zh);
      const z = new Float32Array(u);
      const r = new Float32Array(u);
      const hh = new Float32Array(u);
      for (let j = 0; j < u; j++) {
        z[j] = rec(zx[j] + zh[j]);
        r[j] = rec(zx[u + j] + zh[u + j]);
      }
      const rh = new Float32Array(u);
      for (let j = 0; j < u; j++) rh[j] = r[j] * h[j];
      matVec(rh, w.recurrentKernel, u, G * u, 2 * u, 3 * u, zh);
      const next = new Float32Array(u);
      for (let j = 0; j < u; j++) {
        hh[j] = act(zx[2 * u + j] + zh[2 * u + j]);
        next[j] = z[j] * h[j] + (1 - z[j]) * hh[j];
      }
      if (!masked) h = next;
      record(trace.gates, t, { z, r, hh });
    } else {
      matVec(h, w.recurrentKernel, u, G * u, 0, G * u, zh);
      if (cell === 'SimpleRNN') {
        const next = new Float32Array(u);
        for (let j = 0; j < u; j++) next[j] = act(zx[j] + zh[j]);
        if (!masked) h = next;
      } else {
        const i = new Float32Array(u);
        const f = new Float32Array(u);
        const g = new Float32Array(u);
        const o = new Float32Array(u);
        const nextC = new Float32Array(u);
        const nextH = new Float32Array(u);
        for (let j = 0; j < u; j++) {
          i[j] = rec(zx[j] + zh[j]);
          f[j] = rec(zx[u + j] + zh[u + j]);
          g[j] = act(zx[2 * u + j] + zh[2 * u + j]);
          o[j] = rec(zx[3 * u + j] + zh[3 * u + j]);
          nextC[j] = f[j] * c[j] + i[j] * g[j];
          nextH[j] = o[j] * act(nextC[j]);
        }
        if (!masked) {
          c = nextC;
          h = nextH;
        }
        record(trace.gates, t, { i, f, o, g });
        trace.c![t] = c;
      }
    }
    trace.h[t] = h;
  }
  return trace;
}

/** out[j - from] = sum_k v[k] * m[k, j] for columns from..to of a row-major [rows, cols] matrix. */
function matVec(v: Float32Array, m: Float32Array, rows: number, cols: number, from: number, to: number, out: Float32Array): void {
  for (let j = from; j < to; j++) out[j] = 0;
  for (let k = 0; k < rows; k++) {
    const vk = v[k];
    if (vk === 0) continue;
    const row = k * cols;
    for (let j = from; j < to; j++) out[j] += vk * m[row + j];
  }
}

function record(gates: Record<string, Float32Array[]>, t: number, values: Record<string, Float32Array>): void {
  for (const [name, v] of Object.entries(values)) gates[name][t] = v;
}
