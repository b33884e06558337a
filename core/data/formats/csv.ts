import { defineFormat } from '../define';
import { GrowableFloat32 } from '../growable';
import { readLines } from '../lines';
import { DataError, allocate, wanted, type Dataset, type FieldInfo } from '../types';
import { clip, quote } from '../../quote';

/**
 * `csv`: a time series, a header row then one row per time step. A sample is
 * a window of `window` rows of the `inputs` columns; its target is the
 * `targets` columns `horizon` rows after the window's last row (or, with
 * `perStep`, `horizon` rows after each row of the window). Only the used
 * columns are kept, row-major in one Float32Array; windows are cut at batch time.
 */
export const csvFormat = defineFormat({
  format: 'csv',
  description: 'a time series: a header row, then one row per time step',
  options: {
    window: { kind: 'int', min: 1, help: 'rows per input window' },
    inputs: { kind: 'strings', help: 'the columns fed as inputs, by header name' },
    targets: { kind: 'strings', help: 'the columns to predict, by header name' },
    horizon: { kind: 'int', default: 1, min: 0, help: 'how many rows after the last window row the target is (0: that same row)' },
    perStep: { kind: 'bool', default: false, help: 'a target for every step of the window instead of one after it' },
    delimiter: { kind: 'string', default: ',', help: 'the cell separator (one character)' },
  },
  fields: [
    { name: 'inputs', shape: '[window, inputs]', dtype: 'float32', description: 'the input columns over the window' },
    { name: 'targets', shape: '[targets], or [window, targets] with perStep', dtype: 'float32', description: 'the target columns, horizon rows later' },
  ],
  async parse(source, opts, file): Promise<Dataset> {
    const { window, horizon, delimiter } = opts;
    if (delimiter.length !== 1) throw new DataError(file, null, `the delimiter must be one character, found ${quote(delimiter)}`);
    const used = [...new Set([...opts.inputs, ...opts.targets])];
    let header: string[] | null = null;
    let usedAt: number[] = [];
    const values = new GrowableFloat32(1 << 16);
    let rows = 0;
    for await (const line of readLines(source)) {
      if (line.text.trim() === '') continue;
      const cells = splitRow(line.text, delimiter);
      if (!header) {
        header = cells.map((c) => c.trim());
        usedAt = used.map((name) => {
          const at = header!.indexOf(name);
          if (at < 0) throw new DataError(file, line.number, `no column ${quote(name)}; the header has: ${clip(header!.map((h) => clip(h, 40)).join(', '), 400)}`);
          return at;
        });
        continue;
      }
      if (cells.length !== header.length) {
        throw new DataError(file, line.number, `the row has ${cells.length} ${cells.length === 1 ? 'cell' : 'cells'} but the header has ${header.length} columns`);
      }
      values.reserve(used.length);
      for (let k = 0; k < used.length; k++) {
        const cell = cells[usedAt[k]];
        const v = Number(cell);
        if (!Number.isFinite(v) || cell.trim() === '') {
          throw new DataError(file, line.number, `column ${quote(used[k])} holds ${quote(cell)}, which is not a number`);
        }
        values.push(v);
      }
      rows++;
    }
    if (!header) throw new DataError(file, null, 'the file is empty; a csv needs a header row and data rows');
    if (rows < window + horizon) {
      throw new DataError(file, null, `the file has ${rows} data rows, but window ${window} + horizon ${horizon} needs at least ${window + horizon}`);
    }
    return csvDataset(file, values.trimmed(), rows, used, opts);
  },
});

function csvDataset(
  file: string,
  data: Float32Array,
  rows: number,
  used: string[],
  opts: { window: number; inputs: string[]; targets: string[]; horizon: number; perStep: boolean },
): Dataset {
  const { window, horizon, perStep } = opts;
  const width = used.length;
  const inCols = opts.inputs.map((n) => used.indexOf(n));
  const outCols = opts.targets.map((n) => used.indexOf(n));
  const fields: Record<string, FieldInfo> = {
    inputs: { shape: [window, inCols.length], dtype: 'float32', description: `columns ${opts.inputs.join(', ')} over ${window} rows` },
    targets: perStep
      ? { shape: [window, outCols.length], dtype: 'float32', description: `columns ${opts.targets.join(', ')}, ${horizon} rows after each window row` }
      : { shape: [outCols.length], dtype: 'float32', description: `columns ${opts.targets.join(', ')}, ${horizon} rows after the window` },
  };
  // Copies `cols` of `steps` rows starting at `row` into `out` at `at`.
  const copy = (out: Float32Array, at: number, row: number, steps: number, cols: number[]) => {
    for (let t = 0; t < steps; t++) {
      const base = (row + t) * width;
      for (let c = 0; c < cols.length; c++) out[at++] = data[base + cols[c]];
    }
  };
  return {
    name: file,
    fields,
    size: rows - window - horizon + 1,
    // Neighbouring windows share rows: validation must not overlap training.
    split: { mode: 'tail', gap: window + horizon - 1 },
    notes: [],
    batch(indices, only) {
      const out: Record<string, ReturnType<typeof allocate>> = {};
      for (const name of wanted(fields, only)) {
        const fb = allocate(fields[name], indices.length);
        const arr = fb.data as Float32Array;
        const per = arr.length / Math.max(1, indices.length);
        for (let b = 0; b < indices.length; b++) {
          const i = indices[b];
          if (name === 'inputs') copy(arr, b * per, i, window, inCols);
          else if (perStep) copy(arr, b * per, i + horizon, window, outCols);
          else copy(arr, b * per, i + window - 1 + horizon, 1, outCols);
        }
        out[name] = fb;
      }
      return out;
    },
  };
}

/** Cells of one row; quotes are honoured only when the row has any (the fast path is a split). */
export function splitRow(line: string, delimiter: string): string[] {
  if (line.indexOf('"') < 0) return line.split(delimiter);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
