import * as tf from '@tensorflow/tfjs';
import { FUSED_CELLS, fusedKernelNames, registerFusedGradients, type FusedAttrs, type FusedCell } from '../../../core/nodes/fused-rnn';
import { rnnModule, type RnnModule } from './module';

/**
 * The fused recurrent sequence ops as tfjs kernels of the wasm and cpu
 * backends: each copies its inputs into rnn.wasm's memory, runs the whole
 * layer there, and hands the results back as tensors of the calling backend.
 * core/nodes/fused-rnn.ts calls them (and holds their gradients); it finds
 * them through tfjs's kernel registry, so core never loads anything.
 */

type Info = tf.TensorInfo;

/** Reading inputs and making outputs on one backend. */
interface Io {
  read(info: Info): Float32Array;
  output(values: Float32Array, shape: number[]): Info;
}

interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  getMemoryOffset(dataId: tf.DataId): number;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
}
interface CpuBackendLike {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function ioFor(backendName: string, backend: unknown): Io {
  if (backendName === 'wasm') {
    const b = backend as WasmBackendLike;
    return {
      // A view of tfjs's heap: copied into rnn.wasm at once, before tfjs allocates anything.
      read: (info) => new Float32Array(b.wasm.HEAPU8.buffer, b.getMemoryOffset(info.dataId), size(info.shape)),
      output: (values, shape) => {
        const out = b.makeOutput(shape, 'float32');
        new Float32Array(b.wasm.HEAPU8.buffer, b.getMemoryOffset(out.dataId), values.length).set(values);
        return out;
      },
    };
  }
  const b = backend as CpuBackendLike;
  return {
    read: (info) => b.readSync(info.dataId) as Float32Array,
    // The cpu backend keeps the array it is given: hand it a copy, not a view of rnn.wasm's memory.
    output: (values, shape) => ({ dataId: b.write(values.slice(), shape, 'float32'), shape, dtype: 'float32' }),
  };
}

/** Per cell: the C functions and how many state tensors (h, or h and c) it carries. */
const CELL_ABI: Record<FusedCell, { prefix: string; states: number }> = {
  LSTM: { prefix: 'lstm', states: 2 },
  GRU: { prefix: 'gru', states: 1 },
  SimpleRNN: { prefix: 'simple', states: 1 },
};

const flagsOf = (a: FusedAttrs) => (a.goBackwards ? 1 : 0) | (a.activation << 4) | (a.recurrentActivation << 8);

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
      const put = (name: string) => (inputs[name] ? m.put(io.read(inputs[name] as Info)) : 0);
      const px = put('x');
      const pmask = put('mask');
      const states = abi.states === 2 ? [put('h0'), put('c0')] : [put('h0')];
      const [pW, pR, pb] = [put('kernel'), put('recurrentKernel'), put('bias')];
      const wsSize = m.fn(`${abi.prefix}_ws_size`)(B, T, F, U);
      const hseq = m.alloc(B * T * U);
      const finals = states.map(() => m.alloc(B * U));
      const ws = m.alloc(wsSize);
      const scratch = m.alloc(m.fn(`${abi.prefix}_fwd_scratch`)(B, T, F, U));
      m.fn(`${abi.prefix}_forward`)(B, T, F, U, flagsOf(a), px, pmask, ...states, pW, pR, pb, hseq, ...finals, ws, scratch);
      return [
        io.output(m.get(hseq, B * T * U), [B, T, U]),
        ...finals.map((p) => io.output(m.get(p, B * U), [B, U])),
        io.output(m.get(ws, wsSize), [wsSize]),
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
      const [pW, pR, pws, pdseq] = [put('kernel'), put('recurrentKernel'), put('ws'), put('dhseq')];
      const dfinals = abi.states === 2 ? [put('dhT'), put('dcT')] : [put('dhT')];
      const dx = m.alloc(B * T * F);
      const d0 = dfinals.map(() => m.alloc(B * U));
      const dW = m.alloc(size(kernel.shape));
      const dR = m.alloc(size(recurrent.shape));
      const db = m.alloc(recurrent.shape[1]);
      const scratch = m.alloc(m.fn(`${abi.prefix}_bwd_scratch`)(B, T, F, U));
      m.fn(`${abi.prefix}_backward`)(B, T, F, U, flagsOf(a), pW, pR, pws, pdseq, ...dfinals, dx, ...d0, dW, dR, db, scratch);
      return [
        io.output(m.get(dx, B * T * F), [B, T, F]),
        ...d0.map((p) => io.output(m.get(p, B * U), [B, U])),
        io.output(m.get(dW, size(kernel.shape)), kernel.shape),
        io.output(m.get(dR, size(recurrent.shape)), recurrent.shape),
        io.output(m.get(db, recurrent.shape[1]), [recurrent.shape[1]]),
      ];
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
    for (const cell of cells) {
      for (const config of [forwardKernel(cell, backendName), backwardKernel(cell, backendName)]) {
        if (!tf.getKernel(config.kernelName, backendName)) tf.registerKernel(config);
      }
    }
  }
  return { cells };
}
