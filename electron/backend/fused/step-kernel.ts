import type * as tf from '@tensorflow/tfjs';
import { STACK_CELLS, STACK_STEP_KERNEL, type StackStepAttrs } from '../../../core/train/step-kernels';
import { ioFor, size, type Info } from './io';
import type { RnnModule } from './module';
import { putPadded, round8 } from './padded-gemm';

/**
 * A whole training step of a plain recurrent stack in one kernel call (the
 * contract is in core/train/step-kernels.ts): the weights, Adam's slots and
 * the batch are copied into rnn.wasm's memory once; the layers' forward and
 * backward (lstm.c, gru.c, simple.c), the Dense layers' GEMMs and
 * activations, the head's loss (head.c, mdn.c),
 * the global norm (norm.c), the clip and Adam (adam.c) run there one after
 * the other; the new weights and slots come back. What tfjs would do around
 * the kernels (a tape, ~100 small ops, their tensors) is not done at all.
 */

const PREFIX: Record<(typeof STACK_CELLS)[number], string> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simple' };

/** A Dense layer of the step: its input (rows `ld` apart, K wide), its padded weights and output, its variables, and its activation (-1: the head's, which the loss takes). */
interface Dense {
  x: number;
  ld: number;
  K: number;
  N: number;
  Np: number;
  y: number;
  w: Var;
  b: Var;
  act: number;
  /** The factors of the dropout after it (0: none). */
  mult: number;
}

interface Var {
  shape: number[];
  n: number;
  value: number;
  m: number;
  s: number;
  grad: number;
}

/**
 * The mixture density loss (mdn.c) of the head's rows, which it reads and
 * writes packed: copied out of the padded rows and its gradient back into them.
 */
function mdnLoss(m: RnnModule, rows: number, mixtures: number, head: Dense, py: number, dz: number, readout: number): void {
  const { N, Np, y } = head;
  const packed = m.alloc(rows * N);
  const dp = m.alloc(rows * N);
  const dy = m.alloc(rows * 5);
  const [from, to] = [m.view(y, rows * Np), m.view(packed, rows * N)];
  for (let r = 0; r < rows; r++) to.set(from.subarray(r * Np, r * Np + N), r * N);
  const loss = m.fn('mdn_loss')(rows, mixtures, py, packed, dp, dy);
  const [grad, into] = [m.view(dp, rows * N), m.view(dz, rows * Np)];
  for (let r = 0; r < rows; r++) into.set(grad.subarray(r * N, (r + 1) * N), r * Np);
  m.view(readout, 2).set([loss, Number.NaN]);
}

/** One direction of a recurrent layer: its variables, flags, workspace and output (every step, or the last state). */
interface Direction {
  W: Var;
  R: Var;
  b: Var;
  flags: number;
  ws: number;
  out: number;
}

/** A recurrent layer of the step: input width F, U units per direction, its output (`steps` of `width`) as the next layer reads it. */
interface Layer {
  prefix: string;
  lstm: boolean;
  F: number;
  U: number;
  steps: number;
  dirs: Direction[];
  width: number;
  out: number;
  /** The factors of the dropout after it (0: none). */
  mult: number;
}

export function stackStepKernel(m: RnnModule, backendName: string): tf.KernelConfig {
  return {
    kernelName: STACK_STEP_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as StackStepAttrs;
      const x = inputs.x as Info;
      const [B, T] = x.shape;
      const F0 = x.shape[2] ?? 0;
      m.reset();
      const zeros = (n: number) => {
        const at = m.alloc(n);
        m.view(at, n).fill(0);
        return at;
      };
      const px = m.put(io.read(x));
      const py = m.put(io.read(inputs.y as Info));
      // Dropout: each one's uniform draws, turned into its factors (0 or 1/keep) as it is applied.
      let drops = 0;
      const dropout = (at: number, n: number, keep: number, into = at): number => {
        const u = m.put(io.read(inputs[`u${drops++}`] as Info));
        m.fn('dropout_forward')(n, u, keep, at, into);
        return u;
      };
      const vars: Var[] = Array.from({ length: a.count }, (_, i) => {
        const info = inputs[`value${i}`] as Info;
        const n = size(info.shape);
        const [value, mom, sec] = ['value', 'm', 's'].map((name) => m.put(io.read(inputs[`${name}${i}`] as Info)));
        return { shape: info.shape, n, value, m: mom, s: sec, grad: m.alloc(n) };
      });

      // Forward, layer by layer: each reads the one below's outputs of every step. A bidirectional
      // layer is two directions over the same input, their outputs side by side in time order.
      const layers: Layer[] = [];
      let input = px;
      let F = F0;
      let v = 0;
      // An Embedding first: token ids [B, T] into rows of its table (the first variable), and the mask of id 0.
      let mask = 0;
      let embedMult = 0;
      if (a.embed) {
        const [V, D] = vars[0].shape;
        input = m.alloc(B * T * D);
        if (a.maskZero) mask = m.alloc(B * T);
        m.fn('embed_forward')(B * T, D, V, px, vars[0].value, input, mask);
        if (a.embedKeep < 1) embedMult = dropout(input, B * T * D, a.embedKeep);
        F = D;
        v = 1;
      }
      a.cells.forEach((code, l) => {
        const cell = STACK_CELLS[code];
        const U = a.units[l];
        const prefix = PREFIX[cell];
        const lstm = cell === 'LSTM';
        const steps = l < a.cells.length - 1 || a.perStep ? T : 1;
        const dirs = (a.bidirectional[l] ? [a.flags[l], a.backFlags[l]] : [a.flags[l]]).map((given): Direction => {
          const [W, R, b] = vars.slice(v, v + 3);
          v += 3;
          const ws = m.alloc(m.fn(`${prefix}_ws_size`)(B, T, F, U));
          const hseq = m.alloc(B * T * U);
          const hT = m.alloc(B * U);
          const states = lstm ? [zeros(B * U), zeros(B * U)] : [zeros(B * U)];
          const finals = lstm ? [hT, m.alloc(B * U)] : [hT];
          // The state starts at zero and needs no gradient (simd.h's flag 2): the kernels skip the products with it.
          const flags = given | 2;
          m.fn(`${prefix}_forward`)(B, T, F, U, flags, input, mask, ...states, W.value, R.value, b.value, hseq, ...finals, ws, 0);
          return { W, R, b, flags, ws, out: steps === T ? hseq : hT };
        });
        const width = dirs.length * U;
        let out = dirs[0].out;
        if (dirs.length === 2) {
          out = m.alloc(B * steps * width);
          m.fn('bidir_merge')(B, steps, U, dirs[0].out, dirs[1].out, out);
        }
        // Dropout after the layer, in place: the backward reads the workspaces, not these outputs.
        const keep = a.recurrentKeep[l];
        const mult = keep < 1 ? dropout(out, B * steps * width, keep) : 0;
        layers.push({ prefix, lstm, F, U, steps, dirs, width, out, mult });
        input = out;
        F = width;
      });

      // The Dense layers, the head last, over their rows (every step, or the last state). Their outputs and
      // gradients are kept with rows padded to whole tiles of 8 columns (padded-gemm.ts), the padding zero.
      const top = layers[layers.length - 1];
      const rows = a.perStep ? B * T : B;
      const dense: Dense[] = [];
      let dIn = top.out;
      let ld = top.width;
      let K = top.width;
      const first = v;
      for (let d = 0; first + 2 * d < vars.length; d++) {
        const [w, b] = [vars[first + 2 * d], vars[first + 2 * d + 1]];
        const N = w.shape[1];
        const Np = round8(N);
        const wPad = putPadded(m, m.view(w.value, K * N).slice(), K, N, Np);
        const y = m.alloc(rows * Np);
        const yView = m.view(y, rows * Np);
        const bias = m.view(b.value, N);
        for (let r = 0; r < rows; r++) yView.set(bias, r * Np);
        m.fn('gemm')(rows, Np, K, dIn, ld, 1, wPad, Np, y, Np, 1);
        const hidden = d < a.hidden.length;
        if (hidden) m.fn('act_forward')(rows * Np, y, a.hidden[d]);
        // Dropout after a hidden layer into a buffer of its own: the activation's backward reads y. The
        // draws come in the output's own shape; spread over the padded rows, the padding gets factor 0.
        let out = y;
        let mult = 0;
        if (hidden && a.denseKeep[d] < 1) {
          const u = io.read(inputs[`u${drops++}`] as Info);
          mult = putPadded(m, u, rows, N, Np);
          out = m.alloc(rows * Np);
          m.fn('dropout_forward')(rows * Np, mult, a.denseKeep[d], y, out);
        }
        dense.push({ x: dIn, ld, K, N, Np, y, w, b, act: hidden ? a.hidden[d] : -1, mult });
        dIn = out;
        ld = Np;
        K = N;
      }

      // The loss and its gradient with respect to the head's pre-activations.
      const head = dense[dense.length - 1];
      const dz = zeros(rows * head.Np);
      const readout = m.alloc(2);
      if (a.head === 'softmax') m.fn('softmax_xent')(rows, head.N, head.y, head.Np, py, a.sparse ? 1 : 0, dz, head.Np, readout);
      else if (a.head === 'linear') m.fn('mse_loss')(rows, head.N, head.y, head.Np, py, dz, head.Np, readout);
      else mdnLoss(m, rows, a.mixtures, head, py, dz, readout);
      const [loss, accuracy] = m.view(readout, 2);

      // Back through the Dense layers: dW = xᵀ·dz, db = the column sums of dz, dx = dz·Wᵀ.
      let dOut = dz;
      for (let d = dense.length - 1; d >= 0; d--) {
        const { x: xin, ld: ldx, K: Kd, N, Np, y, w, b, act, mult } = dense[d];
        if (mult) m.fn('mul_in_place')(rows * Np, dOut, mult);
        if (act >= 0) m.fn('act_backward')(rows * Np, y, dOut, act);
        const dW = m.alloc(Kd * Np);
        m.fn('gemm')(Kd, Np, rows, xin, 1, ldx, dOut, Np, dW, Np, 0);
        const [dWView, gw] = [m.view(dW, Kd * Np), m.view(w.grad, Kd * N)];
        for (let k = 0; k < Kd; k++) gw.set(dWView.subarray(k * Np, k * Np + N), k * N);
        const db = m.alloc(Np);
        m.fn('colsum')(rows, Np, dOut, Np, db);
        m.view(b.grad, N).set(m.view(db, N));
        const wT = zeros(Np * Kd);
        const [wTView, wNow] = [m.view(wT, Np * Kd), m.view(w.value, Kd * N)];
        for (let k = 0; k < Kd; k++) for (let n = 0; n < N; n++) wTView[n * Kd + k] = wNow[k * N + n];
        const dx = zeros(rows * ldx);
        m.fn('gemm')(rows, Kd, Np, dOut, Np, 1, wT, Kd, dx, ldx, 0);
        dOut = dx;
      }
      const dh = dOut;
      // Through the dropout after the top recurrent layer.
      if (top.mult) m.fn('mul_in_place')(B * top.steps * top.width, dh, top.mult);

      // Backward, top layer first: the gradient of each layer's output reaches its steps (or its last
      // state), split between its directions; their input gradients add up.
      let dLayer = dh;
      for (let l = layers.length - 1; l >= 0; l--) {
        const { prefix, lstm, F: Fl, U: Ul, steps, dirs } = layers[l];
        const parts = dirs.length === 1 ? [dLayer] : [m.alloc(B * steps * Ul), m.alloc(B * steps * Ul)];
        if (dirs.length === 2) m.fn('bidir_split')(B, steps, Ul, dLayer, parts[0], parts[1]);
        // The bottom layer's input is the data (no gradient wanted) or the Embedding's rows.
        const wantDx = l > 0 || a.embed;
        const dxs = dirs.map(({ W, R, b, flags, ws }, k) => {
          const dseq = steps === T ? parts[k] : 0;
          const dT = steps === T ? zeros(B * Ul) : parts[k];
          const dfinals = lstm ? [dT, zeros(B * Ul)] : [dT];
          const dx = wantDx ? m.alloc(B * T * Fl) : 0;
          const d0 = dfinals.map(() => m.alloc(B * Ul));
          const scratch = m.alloc(m.fn(`${prefix}_bwd_scratch`)(B, T, Fl, Ul));
          m.fn(`${prefix}_backward`)(B, T, Fl, Ul, flags, W.value, R.value, ws, dseq, ...dfinals, dx, ...d0, W.grad, R.grad, b.grad, scratch);
          return dx;
        });
        if (!wantDx) break;
        if (dxs.length === 2) m.fn('add_in_place')(B * T * Fl, dxs[0], dxs[1]);
        // Through the dropout after the layer below (its outputs were all steps: it fed this layer), or after the Embedding.
        const below = l > 0 ? layers[l - 1].mult : embedMult;
        if (below) m.fn('mul_in_place')(B * T * Fl, dxs[0], below);
        if (l === 0) m.fn('embed_backward')(B * T, Fl, vars[0].shape[0], px, dxs[0], vars[0].grad);
        dLayer = dxs[0];
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
      const result = io.output(Float32Array.of(loss, accuracy, normBefore, normAfter, applied ? 1 : 0), [5]);
      if (!applied) return [result];
      return [result, ...vars.flatMap((v) => [v.value, v.m, v.s].map((p) => io.output(m.view(p, v.n), v.shape)))];
    },
  };
}
