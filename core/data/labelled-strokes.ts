import { GrowableInt32 } from './growable';
import { StrokeStore, strokeBatch, strokeFields, type Polyline } from './stroke5';
import { allocate, wanted, type Dataset, type FieldInfo } from './types';

/**
 * Drawings with a class label each, gathered the way both stroke datasets
 * (hershey-strokes, quickdraw-ndjson) gather them: a drawing of more than
 * `maxLength` steps is counted and left out, as sketch-rnn leaves them out;
 * the rest become the stroke-5 fields, normalised over the set, `label`,
 * and `labelIn`: the label as a sequence of one id, which a `TokenInput`
 * takes to tell a decoder which class to draw (class-conditional strokes).
 */
export class LabelledStrokes {
  private readonly store = new StrokeStore();
  private readonly labels = new GrowableInt32(256);
  /** Drawings left out for having more than `maxLength` steps. */
  tooLong = 0;

  constructor(readonly maxLength: number) {}

  /** Drawings kept. */
  get count(): number {
    return this.store.count;
  }

  /** Adds a drawing and its label; `false` (and counted in `tooLong`) when it has too many steps. */
  add(lines: Polyline[], label: number): boolean {
    if (StrokeStore.stepsOf(lines) > this.maxLength) {
      this.tooLong++;
      return false;
    }
    this.store.add(lines);
    this.labels.push(label);
    return true;
  }

  /**
   * The dataset of the drawings kept: `label` describes the label field,
   * `relabel` maps each stored label to its final class id.
   */
  dataset(name: string, label: Omit<FieldInfo, 'shape' | 'dtype'>, notes: string[], relabel?: (stored: number) => number): Dataset {
    const { store, maxLength: T } = this;
    store.normalise();
    store.seal();
    const stored = this.labels.trimmed();
    const labels = relabel ? stored.map(relabel) : stored;
    const fields: Record<string, FieldInfo> = {
      ...strokeFields(T, store.scale),
      label: { shape: [], dtype: 'int32', ...label },
      labelIn: { shape: [1], dtype: 'int32', ...label, description: `${label.description}, as one step of ids (to condition a decoder)` },
    };
    return {
      name,
      fields,
      size: store.count,
      split: { mode: 'shuffle' },
      notes,
      batch(indices, only) {
        const names = wanted(fields, only);
        const out = strokeBatch(store, fields, names, indices, T);
        // `label` and `labelIn` hold the same ids, one as [] and one as [1].
        for (const name of ['label', 'labelIn'] as const) {
          if (!names.includes(name)) continue;
          const fb = allocate(fields[name], indices.length);
          for (let b = 0; b < indices.length; b++) fb.data[b] = labels[indices[b]];
          out[name] = fb;
        }
        return out;
      },
    };
  }
}
