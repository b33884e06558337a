import { describe, expect, it } from 'vitest';
import { loadDataset } from './load';
import type { DataHost } from './define';

/** A host over files held in memory; a missing file fails as Node's reader does, with a code. */
function memoryHost(files: Record<string, string>): DataHost {
  return {
    openText: (path) =>
      (async function* () {
        if (!(path in files)) throw Object.assign(new Error(`no such file, open '${path}'`), { code: 'ENOENT' });
        yield files[path];
      })(),
    importJson: () => Promise.reject(new Error('no packages here')),
  };
}

const host = memoryHost({ 'data/s.csv': 'x,y\n1,2\n3,4\n5,6\n', 'bad.csv': 'x,y\n1,2\n3\n' });

describe('loadDataset', () => {
  it('makes a built-in with its defaults filled in', async () => {
    const r = await loadDataset({ builtin: 'sine', options: { window: 8, count: 10 } }, host);
    expect(r.ok && r.dataset.fields.history.shape).toEqual([8, 1]);
  });

  it('reads a file in its format through the host', async () => {
    const r = await loadDataset({ file: 'data/s.csv', format: 'csv', options: { window: 2, inputs: ['x'], targets: 'y' } }, host);
    expect(r.ok && r.dataset.size).toBe(1);
  });

  it('lists the built-ins when the name is unknown', async () => {
    const r = await loadDataset({ builtin: 'cifar' }, host);
    expect(r).toEqual({ ok: false, issue: { file: null, line: null, message: 'there is no built-in dataset "cifar"; the built-ins are hershey-strokes, mnist-rows, addition, sine, recall, frames, captions' } });
  });

  it('lists the formats when the format is unknown', async () => {
    const r = await loadDataset({ file: 'a.parquet', format: 'parquet' }, host);
    expect(!r.ok && r.issue.message).toBe('a.parquet: there is no dataset format "parquet"; the formats are csv, quickdraw-ndjson, text, pairs-tsv');
  });

  it('names every bad or missing option', async () => {
    const r = await loadDataset({ file: 'data/s.csv', format: 'csv', options: { window: 0, inputs: ['x'], colour: 'red' } }, host);
    expect(!r.ok && r.issue.message).toBe(
      'data/s.csv (csv): unknown option "colour" (known: window, inputs, targets, horizon, perStep, delimiter); data/s.csv (csv): option "window" must be at least 1, found 0; data/s.csv (csv): option "targets" is required (the columns to predict, by header name)',
    );
  });

  it('gives bad data as an issue with the file and the line', async () => {
    const r = await loadDataset({ file: 'bad.csv', format: 'csv', options: { window: 1, inputs: ['x'], targets: ['y'] } }, host);
    expect(r).toEqual({ ok: false, issue: { file: 'bad.csv', line: 3, message: 'bad.csv, line 3: the row has 1 cell but the header has 2 columns' } });
  });

  it('says in words that a missing file cannot be read', async () => {
    const r = await loadDataset({ file: 'gone.txt', format: 'text', options: { window: 4 } }, host);
    expect(!r.ok && r.issue.message).toBe('gone.txt: cannot read the file (no such file)');
  });
});
