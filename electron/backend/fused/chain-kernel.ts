import * as tf from '@tensorflow/tfjs';
import { CHAIN_ACTIVATIONS, CHAIN_KINDS, CHAIN_STEP_KERNEL, type ChainAttrs } from '../../../core/generate/chain-step';
import { WasmArena } from './arena';
import { ioFor } from './io';

/**
 * The chain step kernel of core/generate/chain-step.ts: one generation step
 * of recurrent cells and Dense layers in one call. It runs in its own
 * instance of rnn.wasm, whose memory it keeps between calls: the weights are
 * copied in once per generation (while the same weight tensors come back) and
 * each step copies in only the fed value and the states.
 */

type Info = tf.TensorInfo;

const PREFIX: Record<number, string> = { [CHAIN_KINDS.LSTM]: 'lstm', [CHAIN_KINDS.GRU]: 'gru', [CHAIN_KINDS.SimpleRNN]: 'simple' };

let arena: WasmArena | null = null;
let weightIds: (tf.DataId | null)[] = [];
let weightAt: number[] = [];

/** Byte offsets of the weights in the arena, copied in only when they are not the tensors of the last call. */
function placeWeights(m: WasmArena, infos: (Info | undefined)[], read: (info: Info) => Float32Array): number[] {
  const ids = infos.map((w) => w?.dataId ?? null);
  if (ids.length !== weightIds.length || ids.some((id, i) => id !== weightIds[i])) {
    m.clear();
    weightAt = infos.map((w) => (w ? m.put(read(w)) : 0));
    weightIds = ids;
    m.keep();
  }
  m.release();
  return weightAt;
}

/** A Dense layer's activation on its rows, as tfjs computes it. */
function activate(y: Float32Array, rows: number, width: number, code: number): void {
  const f = code === CHAIN_ACTIVATIONS.tanh ? Math.tanh
    : code === CHAIN_ACTIVATIONS.sigmoid ? (v: number) => 1 / (1 + Math.exp(-v))
    : code === CHAIN_ACTIVATIONS.relu ? (v: number) => Math.max(v, 0)
    : code === CHAIN_ACTIVATIONS.hardSigmoid ? (v: number) => Math.min(Math.max(0.2 * v + 0.5, 0), 1)
    : null;
  if (f) for (let i = 0; i < y.length; i++) y[i] = f(y[i]);
  if (code !== CHAIN_ACTIVATIONS.softmax) return;
  for (let r = 0; r < rows; r++) {
    const row = y.subarray(r * width, (r + 1) * width);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (let i = 0; i < width; i++) sum += row[i] = Math.exp(row[i] - max);
    for (let i = 0; i < width; i++) row[i] /= sum;
  }
}

function chainKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: CHAIN_STEP_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as ChainAttrs;
      arena ??= new WasmArena();
      const m = arena;
      const input = (name: string) => inputs[name] as Info | undefined;
      const weightInfos = a.kinds.flatMap((kind, i) => [input(`kernel${i}`), kind === CHAIN_KINDS.Dense ? undefined : input(`recurrentKernel${i}`), input(`bias${i}`)]);
      const at = placeWeights(m, weightInfos, io.read);
      const x = input('x')!;
      const n = x.shape[0];
      let cur = m.put(io.read(x));
      let width = x.shape[x.shape.length - 1];
      const states: { at: number; size: number }[] = [];
      a.kinds.forEach((kind, i) => {
        const [W, R, b] = at.slice(3 * i, 3 * i + 3);
        const U = a.units[i];
        if (kind === CHAIN_KINDS.Dense) {
          const y = m.alloc(n * U);
          const rows = m.view(y, n * U);
          if (b) for (let r = 0; r < n; r++) rows.set(m.view(b, U), r * U);
          else rows.fill(0);
          m.fn('gemm')(n, U, width, cur, width, 1, W, U, y, U, 1);
          activate(m.view(y, n * U), n, U, a.activations[i]);
          cur = y;
          width = U;
          return;
        }
        const prefix = PREFIX[kind];
        const lstm = kind === CHAIN_KINDS.LSTM;
        const h0 = m.put(io.read(input(`h${i}`)!));
        const c0 = lstm ? m.put(io.read(input(`c${i}`)!)) : 0;
        const bias = b || m.put(new Float32Array((lstm ? 4 : kind === CHAIN_KINDS.GRU ? 3 : 1) * U));
        const hseq = m.alloc(n * U);
        const hT = m.alloc(n * U);
        const cT = lstm ? m.alloc(n * U) : 0;
        const ws = m.alloc(m.fn(`${prefix}_ws_size`)(n, 1, width, U));
        const scratch = m.alloc(m.fn(`${prefix}_fwd_scratch`)(n, 1, width, U));
        const flags = (a.activations[i] << 4) | (a.recurrentActivations[i] << 8);
        const finals = lstm ? [hT, cT] : [hT];
        const initial = lstm ? [h0, c0] : [h0];
        m.fn(`${prefix}_forward`)(n, 1, width, U, flags, cur, 0, ...initial, W, R, bias, hseq, ...finals, ws, scratch);
        states.push(...finals.map((p) => ({ at: p, size: U })));
        cur = hseq;
        width = U;
      });
      return [io.output(m.view(cur, n * width), [n, 1, width]), ...states.map((s) => io.output(m.view(s.at, n * s.size), [n, s.size]))];
    },
  };
}

/** Registers the chain step kernel for the wasm and cpu backends (once). */
export function registerChainStepKernel(): void {
  for (const backendName of ['wasm', 'cpu']) {
    if (!tf.getKernel(CHAIN_STEP_KERNEL, backendName)) tf.registerKernel(chainKernel(backendName));
  }
}
