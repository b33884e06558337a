import type * as tf from '@tensorflow/tfjs';
import { STACK_CELLS, STACK_STEP_KERNEL, type StackStepAttrs } from '../../../core/train/step-kernels';
import { ioFor, size, type Info } from './io';
import type { RnnModule } from './module';
import { round8 } from './padded-gemm';

/**
 * A whole training step of a plain recurrent stack in one kernel call (the
 * contract is in core/train/step-kernels.ts): the weights, Adam's slots and
 * the batch are copied into rnn.wasm's memory once; the layers' forward and
 * backward (lstm.c, gru.c, simple.c), the head's GEMMs, its loss (head.c),
 * the global norm (norm.c), the clip and Adam (adam.c) run there one after
 * the other; the new weights and slots come back. What tfjs would do around
 * the kernels (a tape, ~100 small ops, their tensors) is not done at all.
 */

const PREFIX: Record<(typeof STACK_CELLS)[number], string> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simple' };

interface Layer {
  prefix: string;
  lstm: boolean;
  F: number;
  U: number;
  flags: number;
  input: number;
  ws: number;
  hseq: number;
  hT: number;
}

export function stackStepKernel(m: RnnModule, backendName: string): tf.KernelConfig {
  return {
    kernelName: STACK_STEP_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as StackStepAttrs;
      const x = inputs.x as Info;
      const [B, T, F0] = x.shape;
      m.reset();
      const zeros = (n: number) => {
        const at = m.alloc(n);
        m.view(at, n).fill(0);
        return at;
      };
      const px = m.put(io.read(x));
      const py = m.put(io.read(inputs.y as Info));
      const vars = Array.from({ length: a.count }, (_, i) => {
        const info = inputs[`value${i}`] as Info;
        const n = size(info.shape);
        const [value, mom, sec] = ['value', 'm', 's'].map((name) => m.put(io.read(inputs[`${name}${i}`] as Info)));
        return { shape: info.shape, n, value, m: mom, s: sec, grad: m.alloc(n) };
      });

      // Forward, layer by layer: each reads the one below's outputs of every step.
      const layers: Layer[] = [];
      let input = px;
      let F = F0;
      a.cells.forEach((code, l) => {
        const cell = STACK_CELLS[code];
        const U = a.units[l];
        const prefix = PREFIX[cell];
        const lstm = cell === 'LSTM';
        const [W, R, b] = vars.slice(3 * l, 3 * l + 3).map((v) => v.value);
        const ws = m.alloc(m.fn(`${prefix}_ws_size`)(B, T, F, U));
        const hseq = m.alloc(B * T * U);
        const h0 = zeros(B * U);
        const hT = m.alloc(B * U);
        const states = lstm ? [h0, zeros(B * U)] : [h0];
        const finals = lstm ? [hT, m.alloc(B * U)] : [hT];
        m.fn(`${prefix}_forward`)(B, T, F, U, a.flags[l], input, 0, ...states, W, R, b, hseq, ...finals, ws, 0);
        layers.push({ prefix, lstm, F, U, flags: a.flags[l], input, ws, hseq, hT });
        input = hseq;
        F = U;
      });

      // The head: logits = h·W + b over its rows (every step, or the last state), then the loss and its gradient.
      const top = layers[layers.length - 1];
      const U = top.U;
      const rows = a.perStep ? B * T : B;
      const hin = a.perStep ? top.hseq : top.hT;
      const [hw, hb] = vars.slice(-2);
      const C = hw.shape[1];
      const Cp = round8(C);
      const wPad = zeros(U * Cp);
      // Views are taken right before use: an allocation may grow the memory, which detaches older ones.
      const wPadView = m.view(wPad, U * Cp);
      const wView = m.view(hw.value, U * C);
      for (let u = 0; u < U; u++) wPadView.set(wView.subarray(u * C, (u + 1) * C), u * Cp);
      const logits = m.alloc(rows * Cp);
      const bias = m.view(hb.value, C);
      const logitView = m.view(logits, rows * Cp);
      for (let r = 0; r < rows; r++) logitView.set(bias, r * Cp);
      m.fn('gemm')(rows, Cp, U, hin, U, 1, wPad, Cp, logits, Cp, 1);
      const dlogits = zeros(rows * Cp);
      const readout = m.alloc(2);
      if (a.head === 'softmax') m.fn('softmax_xent')(rows, C, logits, Cp, py, a.sparse ? 1 : 0, dlogits, Cp, readout);
      else m.fn('mse_loss')(rows, C, logits, Cp, py, dlogits, Cp, readout);
      const [loss, accuracy] = m.view(readout, 2);

      // The head's gradients: dW = hᵀ·dz, db = the column sums of dz, dh = dz·Wᵀ.
      const dW = m.alloc(U * Cp);
      m.fn('gemm')(U, Cp, rows, hin, 1, U, dlogits, Cp, dW, Cp, 0);
      const dWView = m.view(dW, U * Cp);
      const gw = m.view(hw.grad, U * C);
      for (let u = 0; u < U; u++) gw.set(dWView.subarray(u * Cp, u * Cp + C), u * C);
      const db = m.alloc(Cp);
      m.fn('colsum')(rows, Cp, dlogits, Cp, db);
      m.view(hb.grad, C).set(m.view(db, C));
      const wT = zeros(Cp * U);
      const [wTView, wNow] = [m.view(wT, Cp * U), m.view(hw.value, U * C)];
      for (let u = 0; u < U; u++) for (let c = 0; c < C; c++) wTView[c * U + u] = wNow[u * C + c];
      const dh = m.alloc(rows * U);
      m.fn('gemm')(rows, U, Cp, dlogits, Cp, 1, wT, U, dh, U, 0);

      // Backward, top layer first: the head's gradient reaches the top layer's steps or its last state.
      let dseq = a.perStep ? dh : 0;
      let dTop = a.perStep ? zeros(B * U) : dh;
      for (let l = layers.length - 1; l >= 0; l--) {
        const { prefix, lstm, F: Fl, U: Ul, flags, ws } = layers[l];
        const [W, R] = vars.slice(3 * l, 3 * l + 2).map((v) => v.value);
        const [gW, gR, gb] = vars.slice(3 * l, 3 * l + 3).map((v) => v.grad);
        const dfinals = lstm ? [dTop, zeros(B * Ul)] : [dTop];
        // The bottom layer's input is the data: no gradient wanted.
        const dx = l > 0 ? m.alloc(B * T * Fl) : 0;
        const d0 = dfinals.map(() => m.alloc(B * Ul));
        const scratch = m.alloc(m.fn(`${prefix}_bwd_scratch`)(B, T, Fl, Ul));
        m.fn(`${prefix}_backward`)(B, T, Fl, Ul, flags, W, R, ws, dseq, ...dfinals, dx, ...d0, gW, gR, gb, scratch);
        dseq = dx;
        dTop = l > 0 ? zeros(B * Fl) : 0;
      }

      // The global norm (summed in double, as the norm kernel does), then the same checks and update as core/train/step.ts.
      let squares = 0;
      for (const v of vars) squares += m.fn('sum_squares')(v.n, v.grad);
      const normBefore = Math.fround(Math.sqrt(squares));
      const applied = Number.isFinite(loss) && Number.isFinite(normBefore) && loss <= a.maxLoss;
      let normAfter = normBefore;
      if (applied) {
        if (a.clipNorm > 0 && normBefore > a.clipNorm) {
          const scale = Math.fround(Math.fround(a.clipNorm) / normBefore);
          for (const v of vars) m.fn('scale_values')(v.n, v.grad, scale);
          normAfter = a.clipNorm;
        }
        for (const v of vars) m.fn('adam_update')(v.n, v.value, v.grad, v.m, v.s, a.b1, a.omb1, a.b2, a.omb2, a.c1, a.c2, a.eps, a.neglr);
      }
      const head = io.output(Float32Array.of(loss, accuracy, normBefore, normAfter, applied ? 1 : 0), [5]);
      if (!applied) return [head];
      return [head, ...vars.flatMap((v) => [v.value, v.m, v.s].map((p) => io.output(m.view(p, v.n), v.shape)))];
    },
  };
}
