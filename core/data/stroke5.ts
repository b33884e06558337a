import { GrowableFloat32, GrowableInt32 } from './growable';
import { allocate, type FieldBatch, type FieldInfo } from './types';

/** A pen path in absolute coordinates: points drawn without lifting the pen. */
export type Polyline = [number, number][];

/** The step fed before the first one when drawing: no move, pen down. */
export const START_STEP = [0, 0, 1, 0, 0] as const;
/** The step that fills a drawing up to T: the drawing has ended. */
export const END_STEP = [0, 0, 0, 0, 1] as const;

/**
 * Drawings as stroke-3 steps (dx, dy, pen up after this step), all in one
 * Float32Array, with an offset per drawing. Every point is a step, as in
 * sketch-rnn's `lines_to_strokes`; the pen starts at the drawing's first
 * point, so the first step is (0, 0). Stroke-5 with its padding is made at
 * batch time, so a drawing costs 12 bytes a point.
 */
export class StrokeStore {
  private readonly steps = new GrowableFloat32(4096);
  private readonly starts = new GrowableInt32(256);
  /** Multiply normalised dx, dy by this to get the original units back. */
  scale = 1;

  get count(): number {
    return this.starts.length;
  }

  /** Steps in drawing `i`. */
  length(i: number): number {
    const starts = this.starts.data;
    const end = i + 1 < this.starts.length ? starts[i + 1] : this.steps.length / 3;
    return end - starts[i];
  }

  /** How many steps `lines` would take, without adding them. */
  static stepsOf(lines: Polyline[]): number {
    return lines.reduce((n, l) => n + l.length, 0);
  }

  add(lines: Polyline[]): void {
    this.starts.push(this.steps.length / 3);
    const first = lines.find((l) => l.length > 0)?.[0] ?? [0, 0];
    let [px, py] = first;
    this.steps.reserve(3 * StrokeStore.stepsOf(lines));
    for (const line of lines) {
      line.forEach(([x, y], k) => {
        this.steps.push(x - px);
        this.steps.push(y - py);
        this.steps.push(k === line.length - 1 ? 1 : 0);
        px = x;
        py = y;
      });
    }
  }

  /** Divides every dx, dy by their standard deviation over the set, as sketch-rnn normalises. */
  normalise(): number {
    const s = this.steps.data;
    const n = this.steps.length / 3;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < n; i++) {
      sum += s[3 * i] + s[3 * i + 1];
      sum2 += s[3 * i] * s[3 * i] + s[3 * i + 1] * s[3 * i + 1];
    }
    const mean = sum / (2 * n || 1);
    const std = Math.sqrt(Math.max(0, sum2 / (2 * n || 1) - mean * mean));
    this.scale = std > 1e-8 ? std : 1;
    for (let i = 0; i < n; i++) {
      s[3 * i] /= this.scale;
      s[3 * i + 1] /= this.scale;
    }
    return this.scale;
  }

  /** The steps of drawing `i` as stroke-5 rows (for checks and previews). */
  stroke5(i: number): number[][] {
    const out: number[][] = [];
    const s = this.steps.data;
    const at = this.starts.data[i];
    for (let k = 0; k < this.length(i); k++) {
      const up = s[3 * (at + k) + 2];
      out.push([s[3 * (at + k)], s[3 * (at + k) + 1], 1 - up, up, 0]);
    }
    return out;
  }

  /**
   * `strokesOut` is each drawing in stroke-5, padded with end steps to T;
   * `strokesIn` is the same shifted one step right behind a start step, so
   * the input at step t is the output at step t - 1 (teacher forcing).
   */
  writeBatch(indices: ArrayLike<number>, T: number, strokesIn: FieldBatch | null, strokesOut: FieldBatch | null): void {
    const s = this.steps.data;
    for (let b = 0; b < indices.length; b++) {
      const i = indices[b];
      const at = this.starts.data[i];
      const len = Math.min(T, this.length(i));
      const row = (out: Float32Array, t: number, k: number) => {
        const o = (b * T + t) * 5;
        if (k < 0) out.set(START_STEP, o);
        else if (k >= len) out.set(END_STEP, o);
        else {
          const up = s[3 * (at + k) + 2];
          out[o] = s[3 * (at + k)];
          out[o + 1] = s[3 * (at + k) + 1];
          out[o + 2] = 1 - up;
          out[o + 3] = up;
          out[o + 4] = 0;
        }
      };
      for (let t = 0; t < T; t++) {
        if (strokesOut) row(strokesOut.data as Float32Array, t, t);
        if (strokesIn) row(strokesIn.data as Float32Array, t, t - 1);
      }
    }
  }

  /** Frees the spare room of the growing buffers once loading is done. */
  seal(): void {
    this.steps.trimmed();
    this.starts.trimmed();
  }
}

/** One stroke-5 step: dx, dy, pen down, pen up, end. */
export type Stroke5Step = [number, number, number, number, number];

/**
 * A drawing (a primer drawn with the mouse, say) as stroke-5 steps made the
 * way a stroke dataset makes each of its drawings: the pen starts at the
 * first point, so the first step is (0, 0), and the offsets are normalised
 * to unit spread as `normalise` does over a set, so the model reads them in
 * the units it learned.
 */
export function drawingToStroke5(lines: Polyline[]): Stroke5Step[] {
  if (StrokeStore.stepsOf(lines) === 0) return [];
  const store = new StrokeStore();
  store.add(lines);
  store.normalise();
  return store.stroke5(0) as Stroke5Step[];
}

/** The two stroke fields, with their shape `[T, 5]` and the scale to undo the normalising. */
export function strokeFields(T: number, scale: number): Record<'strokesIn' | 'strokesOut', FieldInfo> {
  return {
    strokesIn: {
      shape: [T, 5],
      dtype: 'float32',
      description: 'stroke-5 (dx, dy, pen down, pen up, end): a start step, then the drawing shifted one step; padded with end steps',
      strokeScale: scale,
    },
    strokesOut: {
      shape: [T, 5],
      dtype: 'float32',
      description: 'stroke-5 (dx, dy, pen down, pen up, end): the drawing, padded with end steps',
      strokeScale: scale,
    },
  };
}

/** Fills the stroke fields of a batch that are wanted. */
export function strokeBatch(store: StrokeStore, fields: Record<string, FieldInfo>, names: string[], indices: ArrayLike<number>, T: number): Record<string, FieldBatch> {
  const out: Record<string, FieldBatch> = {};
  const fin = names.includes('strokesIn') ? allocate(fields.strokesIn, indices.length) : null;
  const fout = names.includes('strokesOut') ? allocate(fields.strokesOut, indices.length) : null;
  store.writeBatch(indices, T, fin, fout);
  if (fin) out.strokesIn = fin;
  if (fout) out.strokesOut = fout;
  return out;
}
