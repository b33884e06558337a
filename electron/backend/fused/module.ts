import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The fused recurrent kernels' WebAssembly module (built from the C beside
 * this file by build.sh): one instance, one linear memory. Its bottom holds
 * the workspaces kept from a forward call for its backward (slots); above
 * them, a per-call arena. Calls are synchronous and never nest, so every call
 * starts the arena afresh just above the slots.
 */

type Fn = (...args: number[]) => number;

/** The functions rnn.wasm exports, by name (pointers are byte offsets into its memory). */
export interface RnnExports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  [name: string]: Fn | WebAssembly.Memory | WebAssembly.Global;
}

/** A workspace kept in the module's memory from a forward call until its backward, for one gradient recording. */
interface Slot {
  at: number;
  size: number;
  owner: unknown;
}

export class RnnModule {
  private readonly exports: RnnExports;
  private readonly base: number;
  private top = 0;
  private floats: Float32Array;
  /** Kept workspaces by id, and the end of the slot region (the arena starts there). */
  private readonly slots = new Map<number, Slot>();
  private slotTop: number;
  private nextSlot = 1;

  constructor(instance: WebAssembly.Instance) {
    this.exports = instance.exports as unknown as RnnExports;
    this.base = ((this.exports.__heap_base.value as number) + 15) & ~15;
    this.floats = new Float32Array(this.exports.memory.buffer);
    this.slotTop = this.base;
  }

  fn(name: string): Fn {
    const f = this.exports[name];
    if (typeof f !== 'function') throw new Error(`rnn.wasm has no function ${name}; rebuild it with electron/backend/fused/build.sh`);
    return f;
  }

  /** Starts a call: everything allocated by the previous call's arena is free again (kept slots stay). */
  reset(): void {
    this.top = this.slotTop;
  }

  /**
   * Keeps `n` floats for a later call of the same gradient recording
   * (`owner`); slots of other recordings, whose backward passes are over, are
   * freed first. Call before anything else of the call is allocated (right
   * after reset). Returns the slot's id and byte offset.
   */
  keep(n: number, owner: unknown): { id: number; at: number } {
    for (const [id, slot] of this.slots) if (slot.owner !== owner) this.slots.delete(id);
    this.compactSlots();
    const at = this.slotTop;
    this.slotTop += (n * 4 + 15) & ~15;
    this.top = this.slotTop;
    this.alloc(0);
    const id = this.nextSlot++;
    this.slots.set(id, { at, size: n, owner });
    return { id, at };
  }

  /** The byte offset of a kept slot; a slot already freed is a bug of its caller. */
  kept(id: number): number {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`fused workspace ${id} is gone: its backward ran after another gradient recording began`);
    return slot.at;
  }

  /** Frees a kept slot (after its backward has read it). */
  release(id: number): void {
    this.slots.delete(id);
    this.compactSlots();
  }

  /** How many floats the kept workspaces hold now (for tests). */
  keptFloats(): number {
    return [...this.slots.values()].reduce((n, slot) => n + slot.size, 0);
  }

  /** Lowers the slot region's end to just above the highest live slot. */
  private compactSlots(): void {
    let end = this.base;
    for (const slot of this.slots.values()) end = Math.max(end, slot.at + ((slot.size * 4 + 15) & ~15));
    this.slotTop = end;
  }

  /** Room for `n` floats, 16-byte aligned; returns its byte offset. */
  alloc(n: number): number {
    const at = this.top;
    this.top += (n * 4 + 15) & ~15;
    const need = this.top - this.exports.memory.buffer.byteLength;
    if (need > 0) this.exports.memory.grow(Math.ceil(need / 65536));
    return at;
  }

  /** The module's memory as floats (a fresh view after any growth). */
  f32(): Float32Array {
    if (this.floats.buffer !== this.exports.memory.buffer) this.floats = new Float32Array(this.exports.memory.buffer);
    return this.floats;
  }

  /** Copies `values` in and returns their byte offset. */
  put(values: ArrayLike<number>, n = values.length): number {
    const at = this.alloc(n);
    this.f32().set(values as Float32Array, at >> 2);
    return at;
  }

  /** A view of `n` floats at byte offset `at` (valid until the next call). */
  view(at: number, n: number): Float32Array {
    return this.f32().subarray(at >> 2, (at >> 2) + n);
  }
}

let loaded: RnnModule | null | undefined;
let loadProblem = '';

/** The wasm file: beside this module in the source tree, and beside the bundle in dist/electron. */
function wasmPath(): string {
  return fileURLToPath(new URL('./rnn.wasm', import.meta.url));
}

/** The module, instantiated once; null (with `fusedLoadProblem()` saying why) when the file is missing or invalid. */
export function rnnModule(): RnnModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const bytes = readFileSync(wasmPath());
    loaded = new RnnModule(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}));
  } catch (err) {
    loadProblem = `rnn.wasm did not load (${(err as Error).message.split('\n')[0]})`;
    loaded = null;
  }
  return loaded;
}

export function fusedLoadProblem(): string {
  return loadProblem;
}
