import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BACKENDS, zBackendName, type BackendName } from './names';
import { registerChainStepKernel, registerDenseKernels, registerFusedKernels, registerMdnLossKernel } from './fused';
import { registerWasmGapKernels } from './wasm-kernels';

export { BACKENDS, zBackendName, type BackendName };

/** The name tfjs registers each backend under. */
const TFJS_NAME: Record<BackendName, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

/** Which backend a run uses, and why: for the run's log and the benchmark. */
export interface BackendChoice {
  name: BackendName;
  /** Chosen by `--backend` or `SEQWIRE_BACKEND` rather than by what is installed. */
  forced: boolean;
  /** Backends tried before this one and why they were not used. */
  skipped: string[];
}

/** A backend that was asked for and cannot run here; the message says what to do. */
export class BackendError extends Error {}

const require = createRequire(import.meta.url);

/** The folder holding tfjs-backend-wasm's `.wasm` files (Node cannot fetch them by URL). */
export function wasmDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'node') {
      // An optional dependency: it is absent wherever its native library could not be downloaded.
      const moduleName = '@tensorflow/tfjs-node';
      await import(/* @vite-ignore */ moduleName);
    } else if (name === 'wasm') {
      // Loaded here, not at the top: importing it loads tfjs, which commands that never train do without.
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
      setWasmPaths(wasmDir());
      registerWasmGapKernels();
    }
    // The fused recurrent kernels run on both backends whose tensors live in this process's memory.
    if ((name === 'wasm' || name === 'cpu') && !registerFusedKernels().problem) {
      registerChainStepKernel();
      registerMdnLossKernel();
      registerDenseKernels();
    }
    const ok = await tf.setBackend(TFJS_NAME[name]);
    if (!ok) return `tfjs could not start the ${name} backend`;
    await tf.ready();
    return null;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    if (name === 'node') return (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ? '@tensorflow/tfjs-node is not installed' : `@tensorflow/tfjs-node did not load (${message})`;
    return message;
  }
}

/**
 * Switches tfjs to the fastest backend present: `@tensorflow/tfjs-node`, else
 * WebAssembly, else plain JavaScript. `requested` (from `--backend`, or the
 * `SEQWIRE_BACKEND` environment variable) forces one, and fails with a
 * `BackendError` when it cannot run.
 */
export async function selectBackend(requested: string | undefined = process.env.SEQWIRE_BACKEND): Promise<BackendChoice> {
  if (requested !== undefined && requested !== '') {
    const parsed = zBackendName.safeParse(requested);
    if (!parsed.success) throw new BackendError(`unknown backend "${requested}"; use one of ${BACKENDS.join(', ')}`);
    const problem = await tryBackend(parsed.data);
    if (problem) throw new BackendError(`the ${parsed.data} backend cannot run here: ${problem}`);
    return { name: parsed.data, forced: true, skipped: [] };
  }
  const skipped: string[] = [];
  for (const name of BACKENDS) {
    const problem = await tryBackend(name);
    if (!problem) return { name, forced: false, skipped };
    skipped.push(`${name}: ${problem}`);
  }
  throw new BackendError(`no tfjs backend could start:\n${skipped.join('\n')}`);
}

/** The backend tfjs runs on now, in Seqwire's names (`tensorflow` is `node`). */
export function currentBackend(): string {
  const name = tf.getBackend();
  return name === 'tensorflow' ? 'node' : name;
}
