import { describe, expect, it } from 'vitest';
import { describeOption, resolveOptions } from './options';

const defs = {
  window: { kind: 'int', min: 1, help: 'rows per window' },
  inputs: { kind: 'strings', help: 'columns' },
  rate: { kind: 'float', default: 0.5, min: 0, max: 1, help: 'a rate' },
  mode: { kind: 'choice', options: ['a', 'b'], default: 'a', help: 'a mode' },
  flag: { kind: 'bool', default: false, help: 'a flag' },
} as const;

describe('resolveOptions', () => {
  it('fills defaults and takes one name for a list of one', () => {
    expect(resolveOptions('ds', defs, { window: 4, inputs: 'x' })).toEqual({ ok: true, values: { window: 4, inputs: ['x'], rate: 0.5, mode: 'a', flag: false } });
  });

  it('names each problem: unknown, required, out of range, wrong kind', () => {
    const r = resolveOptions('ds', defs, { windw: 4, inputs: [], rate: 2, mode: 'c', flag: 'yes' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      'ds: unknown option "windw" (known: window, inputs, rate, mode, flag)',
      'ds: option "window" is required (rows per window)',
      'ds: option "inputs" must be a non-empty list of names, found []',
      'ds: option "rate" must be at most 1, found 2',
      'ds: option "mode" must be one of a, b, found "c"',
      'ds: option "flag" must be true or false, found "yes"',
    ]);
  });

  it('refuses a fraction where an integer is due', () => {
    const r = resolveOptions('ds', defs, { window: 2.5, inputs: ['x'] });
    expect(!r.ok && r.problems).toEqual(['ds: option "window" must be an integer, found 2.5']);
  });
});

describe('describeOption', () => {
  it('shows the kind and the default, or that the option is required', () => {
    expect(describeOption('rate', defs.rate)).toBe('rate (float, default 0.5): a rate');
    expect(describeOption('mode', defs.mode)).toBe('mode (a|b, default "a"): a mode');
    expect(describeOption('inputs', defs.inputs)).toBe('inputs (names, required): columns');
  });
});
