import * as tf from '@tensorflow/tfjs';
import { FUSED_CELLS, fusedFlags, fusedKernelNames, registerFusedGradients, type FusedAttrs, type FusedCell } from '../../../core/nodes/fused-rnn';
import { ioFor, size, type Info } from './io';
import { rnnModule, type RnnModule } from './module';
import { wholeStepKernel } from './step-kernel';
import { adamKernel, globalNormKernel } from './update-kernels';

/**
 * The fused recurrent sequence ops as tfjs kernels of the wasm and cpu
 * backends: each copies its inputs into rnn.wasm's memory, runs the whole
 * layer there, and hands the results back as tensors of the calling backend.
 * core/nodes/fused-rnn.ts calls them (and holds their gradients); it finds
 * them through tfjs's kernel registry, so core never loads anything.
 */

/** Per cell: the C functions and how many state tensors (h, or h and c) it carries. */
const CELL_ABI: Record<FusedCell, { prefix: string; states: number }> = {
  LSTM: { prefix: 'lstm', states: 2 },
  GRU: { prefix: 'gru', states: 1 },
  SimpleRNN: { prefix: 'simple', states: 1 },
};

/** The gradient recording tfjs is in (null outside one): a forward inside one keeps its workspace for the backward. */
function activeTape(): unknown {
  return (tf.engine() as unknown as { state: { activeTape: unknown } }).state.activeTape ?? null;
}

function forwardKernel(cell: FusedCell, backendName: string): tf.KernelConfig {
  const abi = CELL_ABI[cell];
  return {
    kernelName: fusedKernelNames(cell).forward,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const m = rnnModule() as RnnModule;
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as FusedAttrs;
      const x = inputs.x as Info;
      const [B, T, F] = x.shape;
      const U = (inputs.recurrentKernel as Info).shape[0];
      m.reset();
      // Inside a gradient recording the workspace stays in rnn.wasm's memory for the
      // backward call (the op's last output is only its handle); outside one it is scratch.
      const wsSize = m.fn(`${abi.prefix}_ws_size`)(B, T, F, U);
      const tape = activeTape();
      const slot = tape ? m.keep(wsSize, tape) : null;
      const ws = slot ? slot.at : m.alloc(wsSize);
      const put = (name: string) => (inputs[name] ? m.put(io.read(inputs[name] as Info)) : 0);
      const px = put('x');
      const pmask = put('mask');
      const states = abi.states === 2 ? [put('h0'), put('c0')] : [put('h0')];
      const [pW, pR, pb] = [put('kernel'), put('recurrentKernel'), put('bias')];
      const hseq = m.alloc(B * T * U);
      const finals = states.map(() => m.alloc(B * U));
      const scratch = m.alloc(m.fn(`${abi.prefix}_fwd_scratch`)(B, T, F, U));
      m.fn(`${abi.prefix}_forward`)(B, T, F, U, fusedFlags(a), px, pmask, ...states, pW, pR, pb, hseq, ...finals, ws, scratch);
      return [
        io.output(m.view(hseq, B * T * U), [B, T, U]),
        ...finals.map((p) => io.output(m.view(p, B * U), [B, U])),
        io.output(Float32Array.of(slot ? slot.id : 0), [1]),
      ];
    },
  };
}

function backwardKernel(cell: FusedCell, backendName: string): tf.KernelConfig {
  const abi = CELL_ABI[cell];
  return {
    kernelName: fusedKernelNames(cell).backward,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const m = rnnModule() as RnnModule;
      const io = ioFor(backendName, backend);
      const a = attrs as unknown as FusedAttrs;
      const kernel = inputs.kernel as Info;
      const recurrent = inputs.recurrentKernel as Info;
      const [B, T, U] = (inputs.dhseq as Info).shape;
      const F = kernel.shape[0];
      m.reset();
      const put = (name: string) => m.put(io.read(inputs[name] as Info));
      const slot = io.read(inputs.ws as Info)[0];
      if (!slot) throw new Error('the fused backward needs a workspace kept by a forward call inside a gradient recording');
      const pws = m.kept(slot);
      const [pW, pR, pdseq] = [put('kernel'), put('recurrentKernel'), put('dhseq')];
      const dfinals = abi.states === 2 ? [put('dhT'), put('dcT')] : [put('dhT')];
      const dx = m.alloc(B * T * F);
      const d0 = dfinals.map(() => m.alloc(B * U));
      const dW = m.alloc(size(kernel.shape));
      const dR = m.alloc(size(recurrent.shape));
      const db = m.alloc(recurrent.shape[1]);
      const scratch = m.alloc(m.fn(`${abi.prefix}_bwd_scratch`)(B, T, F, U));
      m.fn(`${abi.prefix}_backward`)(B, T, F, U, fusedFlags(a), pW, pR, pws, pdseq, ...dfinals, dx, ...d0, dW, dR, db, scratch);
      const outputs = [
        io.output(m.view(dx, B * T * F), [B, T, F]),
        ...d0.map((p) => io.output(m.view(p, B * U), [B, U])),
        io.output(m.view(dW, size(kernel.shape)), kernel.shape),
        io.output(m.view(dR, size(recurrent.shape)), recurrent.shape),
        io.output(m.view(db, recurrent.shape[1]), [recurrent.shape[1]]),
      ];
      m.release(slot);
      return outputs;
    },
  };
}

/** The cells whose C functions rnn.wasm exports (a cell whose code is not built yet stays on plain tfjs). */
function builtCells(m: RnnModule): FusedCell[] {
  return FUSED_CELLS.filter((cell) => {
    try {
      m.fn(`${CELL_ABI[cell].prefix}_forward`);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Registers the fused kernels for the wasm and cpu backends; returns the
 * cells registered, or a reason when rnn.wasm cannot load. Safe to call more than once.
 */
export function registerFusedKernels(): { cells: FusedCell[]; problem?: string } {
  const m = rnnModule();
  if (!m) return { cells: [], problem: 'rnn.wasm did not load' };
  registerFusedGradients();
  const cells = builtCells(m);
  for (const backendName of ['wasm', 'cpu']) {
    const configs = cells.flatMap((cell) => [forwardKernel(cell, backendName), backwardKernel(cell, backendName)]);
    for (const config of [...configs, adamKernel(m, backendName), globalNormKernel(m, backendName), wholeStepKernel(m, backendName)]) {
      if (!tf.getKernel(config.kernelName, backendName)) tf.registerKernel(config);
    }
  }
  return { cells };
}
