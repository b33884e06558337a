/**
 * Typed arrays that grow as streamed rows arrive, so a large file lands in
 * one compact buffer instead of arrays of arrays. Growth is 1.5x: the peak
 * while copying stays near 2.5x the data, and `trimmed` returns the exact size.
 */
abstract class Growable<A extends Float32Array | Int32Array> {
  protected buf: A;
  length = 0;
  constructor(initial = 1024) {
    this.buf = this.make(Math.max(16, initial));
  }
  protected abstract make(n: number): A;
  push(value: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = value;
  }
  /** Room for `extra` more values, so a row can be written without a check per value. */
  reserve(extra: number): void {
    if (this.length + extra > this.buf.length) this.grow(this.length + extra);
  }
  private grow(min: number): void {
    const next = this.make(Math.max(min, Math.ceil(this.buf.length * 1.5)));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  get data(): A {
    return this.buf;
  }
  /** The values, in a buffer of exactly their length (copies only when the buffer is larger). */
  trimmed(): A {
    if (this.buf.length === this.length) return this.buf;
    const out = this.make(this.length);
    out.set(this.buf.subarray(0, this.length));
    this.buf = out;
    return out;
  }
}

export class GrowableFloat32 extends Growable<Float32Array> {
  protected make(n: number): Float32Array {
    return new Float32Array(n);
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  protected make(n: number): Int32Array {
    return new Int32Array(n);
  }
}
