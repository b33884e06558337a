import type * as tf from '@tensorflow/tfjs';
import { STEP_CELLS, WHOLE_STEP_KERNEL, type ProgramOp, type StepProgram, type WholeStepAttrs } from '../../../core/train/step-kernels';
import { ioFor, size, type Info, type Io } from './io';
import type { RnnModule } from './module';

/**
 * A whole training step in one kernel call (the contract, and the program it
 * runs, are in core/train/step-kernels.ts): the batch, the weights and Adam's
 * slots are copied into rnn.wasm's memory once; the program's layers run
 * forward (lstm.c, gru.c, simple.c, the GEMM, common.c, head.c), the heads'
 * losses give their gradients (head.c, mdn.c), the layers run backward in
 * reverse, each tensor's gradient summed over the layers that read it; then
 * the norms (norm.c), the clip and Adam or SGD (adam.c); the new weights
 * and slots come back. What tfjs would do around the kernels (a tape, a hundred small
 * ops and their tensors) is not done at all.
 */

const PREFIX: Record<(typeof STEP_CELLS)[number], string> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simple' };

/** A variable in the kernels' memory. */
interface Var {
  shape: number[];
  n: number;
  value: number;
  m: number;
  s: number;
  grad: number;
}

/** A tensor's values: `rows` rows (batch x steps) of `width`, and the mask of its steps (0: none). */
interface Buf {
  at: number;
  rows: number;
  width: number;
  mask: number;
}

type RnnOp = Extract<ProgramOp, { op: 'rnn' }>;

/** What a forward op leaves for its backward. */
interface Saved {
  /** Dropout's factors; a recurrent layer's directions (flags, workspace). */
  mult?: number;
  dirs?: { flags: number; ws: number }[];
}

/** The last program run, parsed once (a run calls the kernel with the same program every step). */
let last: { text: string; program: StepProgram } | null = null;

function programOf(text: string): StepProgram {
  if (last?.text !== text) last = { text, program: JSON.parse(text) as StepProgram };
  return last.program;
}

/** One step's run: the memory, the batch's sizes, the tensors' values and gradients. */
class Run {
  readonly bufs: Buf[] = [];
  readonly grads: number[] = [];
  /** Whether a tensor's gradient is wanted: some variable lies before it. */
  readonly needs: boolean[] = [];
  readonly saved: Saved[] = [];
  readonly B: number;

  constructor(
    readonly m: RnnModule,
    readonly io: Io,
    readonly inputs: tf.NamedTensorInfoMap,
    readonly program: StepProgram,
    readonly vars: Var[],
  ) {
    this.B = (inputs.x0 as Info).shape[0];
  }

  fn(name: string): (...args: number[]) => number {
    return this.m.fn(name);
  }

  zeros(n: number): number {
    const at = this.m.alloc(n);
    this.m.view(at, n).fill(0);
    return at;
  }

  read(name: string): number {
    return this.m.put(this.io.read(this.inputs[name] as Info));
  }

  /** Adds `at` (n floats, handed over) to tensor t's gradient. */
  contribute(t: number, at: number): void {
    if (t < 0 || !this.needs[t]) return;
    if (!this.grads[t]) this.grads[t] = at;
    else this.fn('add_in_place')(this.bufs[t].rows * this.bufs[t].width, this.grads[t], at);
  }

  /** Tensor t's gradient, or zeros where nothing reached it. */
  gradOf(t: number): number {
    if (!this.grads[t]) this.grads[t] = this.zeros(this.bufs[t].rows * this.bufs[t].width);
    return this.grads[t];
  }

  forward(op: ProgramOp, k: number): void {
    const { m, B, vars } = this;
    const set = this.place.bind(this);
    const x = 'in' in op ? this.bufs[op.in] : undefined;
    switch (op.op) {
      case 'input': {
        const info = this.inputs[`x${op.input}`] as Info;
        const { width, time } = this.program.tensors[op.out];
        set(op.out, { at: this.read(`x${op.input}`), rows: time >= 0 ? B * info.shape[1] : B, width, mask: 0 }, false);
        return;
      }
      case 'embed': {
        const table = vars[op.table];
        const [V, D] = table.shape;
        const at = m.alloc(x!.rows * D);
        const mask = op.maskZero ? m.alloc(x!.rows) : 0;
        this.fn('embed_forward')(x!.rows, D, V, x!.at, table.value, at, mask);
        set(op.out, { at, rows: x!.rows, width: D, mask }, true);
        return;
      }
      case 'dense': {
        const [w, b] = [vars[op.kernel], vars[op.bias]];
        const [K, N] = w.shape;
        const at = m.alloc(x!.rows * N);
        const out = m.view(at, x!.rows * N);
        const bias = m.view(b.value, N);
        for (let r = 0; r < x!.rows; r++) out.set(bias, r * N);
        this.fn('gemm')(x!.rows, N, K, x!.at, K, 1, w.value, N, at, N, 1);
        if (op.activation >= 0) this.fn('act_forward')(x!.rows * N, at, op.activation);
        set(op.out, { at, rows: x!.rows, width: N, mask: x!.mask }, true);
        return;
      }
      case 'dropout': {
        const n = x!.rows * x!.width;
        const mult = this.read(`u${op.draw}`);
        const at = m.alloc(n);
        this.fn('dropout_forward')(n, mult, op.keep, x!.at, at);
        this.saved[k] = { mult };
        set(op.out, { ...x!, at }, this.needs[op.in]);
        return;
      }
      case 'flatten':
        set(op.out, { at: x!.at, rows: B, width: (x!.rows / B) * x!.width, mask: 0 }, this.needs[op.in]);
        return;
      case 'zeros':
        set(op.out, { at: this.zeros(x!.rows * x!.width), rows: x!.rows, width: x!.width, mask: 0 }, false);
        return;
      case 'rnn':
        this.rnnForward(op, k, x!);
        return;
    }
  }

  /** A recurrent layer's C functions and sizes: its cell's prefix, whether it carries c, units, steps, input width. */
  private rnnSizes(op: RnnOp, x: Buf) {
    const cell = STEP_CELLS[op.cell];
    return { prefix: PREFIX[cell], lstm: cell === 'LSTM', U: op.units, T: x.rows / this.B, F: x.width };
  }

  private rnnForward(op: RnnOp, k: number, x: Buf): void {
    const { m, B, vars } = this;
    const { prefix, lstm, U, T, F } = this.rnnSizes(op, x);
    const given = op.initial.map((t) => this.bufs[t].at);
    const outs = op.dirs.map((d) => {
      const ws = m.alloc(this.fn(`${prefix}_ws_size`)(B, T, F, U));
      const hseq = m.alloc(B * T * U);
      const finals = lstm ? [m.alloc(B * U), m.alloc(B * U)] : [m.alloc(B * U)];
      const states = given.length ? given : finals.map(() => this.zeros(B * U));
      // A zero start needs no gradient (simd.h's flag 2): the kernels skip the products with it.
      const flags = d.flags | (given.length ? 0 : 2);
      const [W, R, b] = [vars[d.kernel], vars[d.recurrent], vars[d.bias]];
      this.fn(`${prefix}_forward`)(B, T, F, U, flags, x.at, x.mask, ...states, W.value, R.value, b.value, hseq, ...finals, ws, 0);
      return { flags, ws, hseq, finals };
    });
    this.saved[k] = { dirs: outs.map(({ flags, ws }) => ({ flags, ws })) };
    const steps = op.sequences ? T : 1;
    const width = op.dirs.length * U;
    // Two directions side by side in time order (the backward one's steps come last first).
    let at = op.sequences ? outs[0].hseq : outs[0].finals[0];
    if (outs.length === 2) {
      at = m.alloc(B * steps * width);
      this.fn('bidir_merge')(B, steps, U, op.sequences ? outs[0].hseq : outs[0].finals[0], op.sequences ? outs[1].hseq : outs[1].finals[0], at);
    }
    const [out, h, c] = op.out;
    // Made by a layer with variables: their gradients are wanted.
    if (out >= 0) this.place(out, { at, rows: B * steps, width, mask: op.sequences ? x.mask : 0 }, true);
    if (h >= 0) this.place(h, { at: outs[0].finals[0], rows: B, width: U, mask: 0 }, true);
    if (c >= 0) this.place(c, { at: outs[0].finals[1], rows: B, width: U, mask: 0 }, true);
  }

  /** Tensor t's values, and whether its gradient is wanted. */
  private place(t: number, buf: Buf, needs: boolean): void {
    this.bufs[t] = buf;
    this.needs[t] = needs;
  }

  backward(op: ProgramOp, k: number): void {
    const { vars } = this;
    const x = 'in' in op ? this.bufs[op.in] : undefined;
    switch (op.op) {
      case 'input':
      case 'zeros':
        return;
      case 'embed': {
        // Every variable's gradient is written whole, zeros where nothing reached it.
        const table = vars[op.table];
        this.fn('embed_backward')(x!.rows, table.shape[1], table.shape[0], x!.at, this.gradOf(op.out), table.grad);
        return;
      }
      case 'dense': {
        const [w, b] = [vars[op.kernel], vars[op.bias]];
        const [K, N] = w.shape;
        const y = this.bufs[op.out];
        const g = this.gradOf(op.out);
        if (op.activation >= 0) this.fn('act_backward')(y.rows * N, y.at, g, op.activation);
        this.fn('gemm')(K, N, y.rows, x!.at, 1, K, g, N, w.grad, N, 0);
        this.fn('colsum')(y.rows, N, g, N, b.grad);
        if (!this.needs[op.in]) return;
        const wT = this.m.alloc(N * K);
        this.fn('transpose')(K, N, w.value, N, wT);
        const dx = this.m.alloc(y.rows * K);
        this.fn('gemm')(y.rows, K, N, g, N, 1, wT, K, dx, K, 0);
        this.contribute(op.in, dx);
        return;
      }
      case 'dropout': {
        if (!this.grads[op.out]) return;
        const g = this.grads[op.out];
        this.fn('mul_in_place')(x!.rows * x!.width, g, this.saved[k].mult!);
        this.contribute(op.in, g);
        return;
      }
      case 'flatten':
        if (this.grads[op.out]) this.contribute(op.in, this.grads[op.out]);
        return;
      case 'rnn':
        this.rnnBackward(op, k, x!);
        return;
    }
  }

  private rnnBackward(op: RnnOp, k: number, x: Buf): void {
    const { m, B, vars } = this;
    const { prefix, lstm, U, T, F } = this.rnnSizes(op, x);
    const steps = op.sequences ? T : 1;
    const [out, h, c] = op.out;
    // The output's gradient, split between the directions (each in the order it read the steps).
    const dOut = out >= 0 ? this.gradOf(out) : this.zeros(B * steps * op.dirs.length * U);
    const parts = op.dirs.length === 1 ? [dOut] : [m.alloc(B * steps * U), m.alloc(B * steps * U)];
    if (op.dirs.length === 2) this.fn('bidir_split')(B, steps, U, dOut, parts[0], parts[1]);
    const wantDx = this.needs[op.in];
    const dxs = op.dirs.map((d, j) => {
      const { flags, ws } = this.saved[k].dirs![j];
      const dseq = op.sequences ? parts[j] : 0;
      // The last state's gradient: from the output when it is the last state, and from h (one direction only has h, c).
      const dT = op.sequences ? this.zeros(B * U) : parts[j];
      if (j === 0 && h >= 0 && this.grads[h]) this.fn('add_in_place')(B * U, dT, this.grads[h]);
      const dcT = j === 0 && c >= 0 && this.grads[c] ? this.grads[c] : this.zeros(B * U);
      const dfinals = lstm ? [dT, dcT] : [dT];
      const dx = wantDx ? m.alloc(B * T * F) : 0;
      const d0 = dfinals.map(() => m.alloc(B * U));
      const scratch = m.alloc(this.fn(`${prefix}_bwd_scratch`)(B, T, F, U));
      const [W, R, b] = [vars[d.kernel], vars[d.recurrent], vars[d.bias]];
      this.fn(`${prefix}_backward`)(B, T, F, U, flags, W.value, R.value, ws, dseq, ...dfinals, dx, ...d0, W.grad, R.grad, b.grad, scratch);
      op.initial.forEach((t, i) => this.contribute(t, d0[i]));
      return dx;
    });
    if (!wantDx) return;
    if (dxs.length === 2) this.fn('add_in_place')(B * T * F, dxs[0], dxs[1]);
    this.contribute(op.in, dxs[0]);
  }

  /** The heads' losses, their gradients into the tensors they read, and the readout [losses, accuracies]. */
  losses(): { losses: number[]; accuracy: number[] } {
    const { m } = this;
    const losses: number[] = [];
    const accuracy: number[] = [];
    this.program.losses.forEach((l, i) => {
      const z = this.bufs[l.of];
      const n = z.rows * z.width;
      const y = this.read(`y${i}`);
      const dz = this.zeros(n);
      const readout = m.alloc(2);
      if (l.head === 'softmax') this.fn('softmax_xent')(z.rows, z.width, z.at, z.width, y, l.sparse ? 1 : 0, dz, z.width, readout);
      else if (l.head === 'linear') this.fn('mse_loss')(z.rows, z.width, z.at, z.width, y, dz, z.width, readout);
      else if (l.head === 'sigmoid') this.fn('sigmoid_xent')(z.rows, z.width, z.at, y, dz, readout);
      else {
        const loss = this.fn('mdn_loss')(z.rows, l.mixtures, y, z.at, dz, m.alloc(z.rows * 5));
        m.view(readout, 2).set([loss, Number.NaN]);
      }
      const [loss, acc] = m.view(readout, 2);
      losses.push(loss);
      accuracy.push(acc);
      this.contribute(l.of, dz);
    });
    return { losses, accuracy };
  }
}

export function wholeStepKernel(m: RnnModule, backendName: string): tf.KernelConfig {
  return {
    kernelName: WHOLE_STEP_KERNEL,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as WholeStepAttrs;
      const program = programOf(a.program);
      m.reset();
      const adam = a.optimizer === 'adam';
      const vars: Var[] = Array.from({ length: a.count }, (_, i) => {
        const info = inputs[`value${i}`] as Info;
        const n = size(info.shape);
        const [value, mom, sec] = (adam ? ['value', 'm', 's'] : ['value']).map((name) => m.put(io.read(inputs[`${name}${i}`] as Info)));
        return { shape: info.shape, n, value, m: mom ?? 0, s: sec ?? 0, grad: m.alloc(n) };
      });
      const run = new Run(m, io, inputs, program, vars);
      program.ops.forEach((op, k) => run.forward(op, k));
      const { losses, accuracy } = run.losses();
      for (let k = program.ops.length - 1; k >= 0; k--) run.backward(program.ops[k], k);

      // The norms (summed in double, as the norm kernel does), then the same checks, clip and update as core/train/step.ts.
      const squares = vars.map((v) => m.fn('sum_squares')(v.n, v.grad));
      const normBefore = Math.fround(Math.sqrt(squares.reduce((s, q) => s + q, 0)));
      const total = losses.reduce((s, l) => s + l, 0);
      const applied = Number.isFinite(total) && Number.isFinite(normBefore) && total <= a.maxLoss;
      let normAfter = normBefore;
      if (applied) {
        if (a.clipNorm > 0) {
          let after = 0;
          for (const group of program.groups) {
            const norm = Math.fround(Math.sqrt(group.reduce((s, i) => s + squares[i], 0)));
            if (norm > a.clipNorm) {
              const scale = Math.fround(Math.fround(a.clipNorm) / norm);
              for (const i of group) m.fn('scale_values')(vars[i].n, vars[i].grad, scale);
            }
            after += Math.min(norm, a.clipNorm) ** 2;
          }
          normAfter = Math.sqrt(after);
        }
        for (const v of vars) {
          if (adam) m.fn('adam_update')(v.n, v.value, v.grad, v.m, v.s, a.b1, a.omb1, a.b2, a.omb2, a.c1, a.c2, a.eps, a.neglr);
          else m.fn('sgd_update')(v.n, v.value, v.grad, a.neglr);
        }
      }
      const result = io.output(Float32Array.from([...losses, ...accuracy, normBefore, normAfter, applied ? 1 : 0]), [2 * losses.length + 3]);
      if (!applied) return [result];
      return [result, ...vars.flatMap((v) => (adam ? [v.value, v.m, v.s] : [v.value]).map((p) => io.output(m.view(p, v.n), v.shape)))];
    },
  };
}
