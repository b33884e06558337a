import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * An instance of rnn.wasm of one kernel's own, so that what it keeps in its
 * memory between calls (weights, say) is not overwritten by the other fused
 * kernels, which share the module of module.ts. A bump allocator: memory
 * below `keep()`'s mark lasts, memory above it is one call's.
 */

type Fn = (...args: number[]) => number;

export class WasmArena {
  private readonly exports: Record<string, Fn | WebAssembly.Memory | WebAssembly.Global>;
  private readonly memory: WebAssembly.Memory;
  readonly base: number;
  private top: number;
  private mark: number;

  constructor() {
    const bytes = readFileSync(fileURLToPath(new URL('./rnn.wasm', import.meta.url)));
    this.exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as WasmArena['exports'];
    this.memory = this.exports.memory as WebAssembly.Memory;
    this.base = (((this.exports.__heap_base as WebAssembly.Global).value as number) + 15) & ~15;
    this.top = this.mark = this.base;
  }

  fn(name: string): Fn {
    const f = this.exports[name];
    if (typeof f !== 'function') throw new Error(`rnn.wasm has no function ${name}; rebuild it with electron/backend/fused/build.sh`);
    return f;
  }

  /** Frees everything, the kept part too. */
  clear(): void {
    this.top = this.mark = this.base;
  }

  /** Keeps what is allocated so far: later calls start above it. */
  keep(): void {
    this.mark = this.top;
  }

  /** Starts a call: what the last call allocated above the mark is free again. */
  release(): void {
    this.top = this.mark;
  }

  /** Room for `n` floats, 16-byte aligned; returns its byte offset. */
  alloc(n: number): number {
    const at = this.top;
    this.top += (n * 4 + 15) & ~15;
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    return at;
  }

  /** `n` floats at byte offset `at` (a view: valid until the memory grows). */
  view(at: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, n);
  }

  put(values: Float32Array): number {
    const at = this.alloc(values.length);
    this.view(at, values.length).set(values);
    return at;
  }
}
