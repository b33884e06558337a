import { describe, expect, it } from 'vitest';
import { readLines } from './lines';

async function collect(source: Parameters<typeof readLines>[0]) {
  const out: [number, string][] = [];
  for await (const l of readLines(source)) out.push([l.number, l.text]);
  return out;
}

describe('readLines', () => {
  it('numbers lines from 1 and keeps a last line without a break', async () => {
    expect(await collect('a\nb\r\nc')).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
  });

  it('joins a line cut across chunks and drops a byte-order mark', async () => {
    expect(await collect(['\ufeffx,y\n1', '2,3', '4\n5,6\n'])).toEqual([[1, 'x,y'], [2, '12,34'], [3, '5,6']]);
  });

  it('keeps empty lines so that line numbers stay true', async () => {
    expect(await collect('a\n\nb\n')).toEqual([[1, 'a'], [2, ''], [3, 'b']]);
  });
});
