import { describe, expect, it } from 'vitest';
import { readOptions } from './main';

describe('browser mode options', () => {
  it('takes the port from --port, else SEQWIRE_PORT, else a free one', () => {
    expect(readOptions(['--port', '8123'], {})).toMatchObject({ port: 8123 });
    expect(readOptions([], { SEQWIRE_PORT: '9000' })).toMatchObject({ port: 9000 });
    expect(readOptions([], {})).toMatchObject({ port: 0 });
  });

  it('explains a bad port instead of failing later', () => {
    expect(readOptions(['--port', 'eighty'], {})).toEqual({ error: expect.stringContaining('--port must be a number') });
    expect(readOptions(['--port', '70000'], {})).toEqual({ error: expect.stringContaining('--port') });
  });

  it('makes a long random token per launch unless one is given', () => {
    const a = readOptions([], {});
    const b = readOptions([], {});
    if ('error' in a || 'help' in a || 'error' in b || 'help' in b) throw new Error('no options');
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect(a.token).not.toBe(b.token);
    expect(readOptions([], { SEQWIRE_TOKEN: 'short' })).toEqual({ error: expect.stringContaining('at least 16') });
  });

  it('limits the window to the folder the command ran in, or the one given', () => {
    expect(readOptions([], { INIT_CWD: '/home/u/models' })).toMatchObject({ projectRoot: '/home/u/models' });
    expect(readOptions(['--project', '/data/p'], { INIT_CWD: '/x' })).toMatchObject({ projectRoot: '/data/p' });
  });

  it('refuses an unknown option with the usage', () => {
    expect(readOptions(['--host', '0.0.0.0'], {})).toEqual({ error: expect.stringContaining('usage: npm run web') });
  });
});
