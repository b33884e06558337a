import { describe, expect, it } from 'vitest';
import { csvFormat } from './csv';
import { DataError } from '../types';

const series = 'time,a,b,y\n' + Array.from({ length: 10 }, (_, i) => `t${i},${i},${10 * i},${100 * i}`).join('\n') + '\n';

const parse = (text: string, opts: Partial<{ window: number; inputs: string[]; targets: string[]; horizon: number; perStep: boolean }> = {}) =>
  csvFormat.parse(text, { window: 3, inputs: ['a', 'b'], targets: ['y'], horizon: 1, perStep: false, delimiter: ',', ...opts }, 'series.csv');

async function failure(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('csv', () => {
  it('gives inputs [window, inputs] and the target horizon rows after the window', async () => {
    const ds = await parse(series);
    expect(ds.fields.inputs.shape).toEqual([3, 2]);
    expect(ds.fields.targets.shape).toEqual([1]);
    expect(ds.size).toBe(7);
    const b = ds.batch([0, 6]);
    expect(Array.from(b.inputs.data)).toEqual([0, 0, 1, 10, 2, 20, 6, 60, 7, 70, 8, 80]);
    expect(b.inputs.shape).toEqual([2, 3, 2]);
    expect(Array.from(b.targets.data)).toEqual([300, 900]);
  });

  it('with horizon 2 takes the target two rows after the window', async () => {
    const ds = await parse(series, { horizon: 2 });
    expect(ds.size).toBe(6);
    expect(Array.from(ds.batch([0]).targets.data)).toEqual([400]);
  });

  it('with perStep gives a target for every step of the window', async () => {
    const ds = await parse(series, { perStep: true, horizon: 0 });
    expect(ds.fields.targets.shape).toEqual([3, 1]);
    expect(Array.from(ds.batch([1]).targets.data)).toEqual([100, 200, 300]);
  });

  it('computes only the fields asked for', async () => {
    const ds = await parse(series);
    expect(Object.keys(ds.batch([0], ['targets']))).toEqual(['targets']);
  });

  it('skips an unused non-number column and honours quoted cells', async () => {
    const ds = await parse('name,a,b,y\n"x, y",1,2,3\nz,4,5,6\n"q",7,8,9\nw,1,1,1\n', { window: 2 });
    expect(ds.size).toBe(2);
    expect(Array.from(ds.batch([0]).inputs.data)).toEqual([1, 2, 4, 5]);
  });

  it('names the missing column and lists the header', async () => {
    const e = await failure(parse(series, { targets: ['price'] }));
    expect(e.message).toBe('series.csv, line 1: no column "price"; the header has: time, a, b, y');
  });

  it('names the line of a ragged row', async () => {
    const e = await failure(parse('a,b,y\n1,2,3\n4,5\n'));
    expect(e.message).toBe('series.csv, line 3: the row has 2 cells but the header has 3 columns');
  });

  it('names the line and column of a cell that is not a number', async () => {
    const e = await failure(parse('a,b,y\n1,2,3\n4,five,6\n'));
    expect(e.message).toBe('series.csv, line 3: column "b" holds "five", which is not a number');
    const empty = await failure(parse('a,b,y\n1,,3\n'));
    expect(empty.message).toBe('series.csv, line 2: column "b" holds "", which is not a number');
  });

  it('says how many rows are missing when the file is shorter than window + horizon', async () => {
    const e = await failure(parse('a,b,y\n1,2,3\n4,5,6\n3,3,3\n'));
    expect(e.message).toBe('series.csv: the file has 3 data rows, but window 3 + horizon 1 needs at least 4');
  });

  it('says so when the file is empty', async () => {
    expect((await failure(parse(''))).message).toBe('series.csv: the file is empty; a csv needs a header row and data rows');
  });

  it('quotes at most 80 characters of a huge cell, and header escape codes escaped', async () => {
    const cell = 'z'.repeat(5_000_000);
    const e = await failure(parse(`a,b,y\n1,2,3\n4,${cell},6\n`));
    expect(e.message.length).toBeLessThan(200);
    expect(e.message).toMatch(/column "b" holds "z{79}…", which is not a number/);
    const hostile = await failure(parse('a,\u001b]0;pwned\u0007\u001b[31mb,y\n1,2,3\n', { inputs: ['nope'] }));
    expect(hostile.message).toContain('\\u001b]0;pwned\\u0007\\u001b[31mb');
    // eslint-disable-next-line no-control-regex
    expect(hostile.message).not.toMatch(/[\u0000-\u001f]/);
  });
});
