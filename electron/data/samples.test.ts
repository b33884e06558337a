import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../core/data/load';
import { decode } from '../../core/data/vocab';
import { nodeDataHost } from './node-data-host';

// Relative paths resolve against the graph file's folder; here the repository root.
const host = nodeDataHost(fileURLToPath(new URL('../..', import.meta.url)));

async function load(ref: Parameters<typeof loadDataset>[0]) {
  const r = await loadDataset(ref, host);
  if (!r.ok) throw new Error(r.issue.message);
  return r.dataset;
}

describe('the sample files in assets/data', () => {
  it('sensor-series.csv forecasts the load a step after 24 hours', async () => {
    const ds = await load({ file: 'assets/data/sensor-series.csv', format: 'csv', options: { window: 24, inputs: ['temperature', 'humidity', 'load'], targets: ['load'] } });
    expect(ds.size).toBe(720 - 24);
    expect(ds.fields.inputs.shape).toEqual([24, 3]);
  });

  it('sketches.ndjson gives four words of stroke-5 drawings', async () => {
    const ds = await load({ file: 'assets/data/sketches.ndjson', format: 'quickdraw-ndjson', options: { maxLength: 32 } });
    expect(ds.size).toBe(48);
    expect(ds.notes).toEqual([]);
    expect(ds.fields.label.vocab!.tokens).toEqual(['circle', 'square', 'triangle', 'zigzag']);
  });

  it('jabberwocky.txt gives character windows', async () => {
    const ds = await load({ file: 'assets/data/jabberwocky.txt', format: 'text', options: { window: 40 } });
    expect(ds.size).toBeGreaterThan(900);
    expect(decode(ds.fields.chars.vocab!, ds.batch([0]).chars.data)).toBe('Jabberwocky\nby Lewis Carroll (from Throu');
  });

  it('number-words.tsv gives 1000 pairs', async () => {
    const ds = await load({ file: 'assets/data/number-words.tsv', format: 'pairs-tsv' });
    expect(ds.size).toBe(1000);
    const b = ds.batch([0]);
    expect(decode(ds.fields.source.vocab!, b.source.data)).toBe('seven hundred and forty-three');
    expect(decode(ds.fields.target.vocab!, b.target.data)).toBe('743');
  });

  it('reads the Hershey fonts and mnist through the host', async () => {
    const strokes = await load({ builtin: 'hershey-strokes', options: { count: 20 } });
    expect(strokes.size).toBe(20);
    const mnist = await load({ builtin: 'mnist-rows', options: { count: 50 } });
    expect(mnist.batch([0], ['rows']).rows.shape).toEqual([1, 28, 28]);
  });

  it('says in a sentence that a missing file cannot be read, naming it', async () => {
    const r = await loadDataset({ file: 'assets/data/nope.csv', format: 'csv', options: { window: 2, inputs: ['a'], targets: ['b'] } }, host);
    expect(!r.ok && r.issue).toMatchObject({ file: 'assets/data/nope.csv', message: expect.stringMatching(/^cannot read the dataset \S*assets\/data\/nope\.csv: no such file$/) });
  });
});
