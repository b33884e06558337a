import { excerpt, quote } from '../quote';

/**
 * A node type's params, declared once: the validator checks files against it,
 * the inspector draws its form from it, and the palette creates nodes with
 * each param's `initial` value.
 */
export type ParamDef =
  | { kind: 'int'; label?: string; help?: string; min?: number; max?: number; default?: number | null; nullable?: boolean; initial?: number | null }
  | { kind: 'float'; label?: string; help?: string; min?: number; max?: number; maxExclusive?: boolean; default?: number; initial?: number }
  | { kind: 'choice'; label?: string; help?: string; options: readonly string[]; default?: string | null; nullable?: boolean; initial?: string | null }
  | { kind: 'bool'; label?: string; help?: string; default?: boolean; initial?: boolean }
  /** The id of another node (for `feedback`); `null` or `"none"` for none. */
  | { kind: 'nodeRef'; label?: string; help?: string; default?: null; initial?: null }
  /** A shape without batch: 1 to 4 sizes of at least 1, one of which may be -1 (whatever is left), as Keras's `target_shape`. */
  | { kind: 'shape'; label?: string; help?: string; default?: number[]; initial?: number[] };

export type ParamDefs = Record<string, ParamDef>;

type ValueOf<D extends ParamDef> = D extends { kind: 'int' }
  ? D extends { nullable: true } ? number | null : number
  : D extends { kind: 'float' } ? number
  : D extends { kind: 'choice'; options: readonly (infer O)[] }
    ? D extends { nullable: true } ? O | null : O
  : D extends { kind: 'bool' } ? boolean
  : D extends { kind: 'shape' } ? number[]
  : string | null;

/** The resolved params of a node: every param present, defaults filled in. */
export type ParamValues<Defs extends ParamDefs> = { [K in keyof Defs]: ValueOf<Defs[K]> };

export interface ParamIssue {
  code: 'unknown-param' | 'missing-param' | 'invalid-param';
  param: string;
  message: string;
}

const isNone = (v: unknown) => v === null || v === 'none';

/** Checks raw params against their defs and fills defaults. Never throws. */
export function resolveParams(defs: ParamDefs, raw: Record<string, unknown> | undefined): { values: Record<string, unknown>; issues: ParamIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: ParamIssue[] = [];
  const given = raw ?? {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(defs, name)) {
      const known = Object.keys(defs);
      issues.push({ code: 'unknown-param', param: name, message: `unknown param ${quote(name)}${known.length ? ` (known: ${known.join(', ')})` : ' (this node type has no params)'}` });
    }
  }
  for (const [name, def] of Object.entries(defs)) {
    const has = Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined;
    if (!has) {
      if ('default' in def) values[name] = def.default;
      else issues.push({ code: 'missing-param', param: name, message: `param "${name}" is required` });
      continue;
    }
    const problem = checkParam(def, given[name]);
    if (problem) issues.push({ code: 'invalid-param', param: name, message: `param "${name}" ${problem}, found ${excerpt(given[name])}` });
    else values[name] = normalise(def, given[name]);
  }
  return { values, issues };
}

function normalise(def: ParamDef, value: unknown): unknown {
  if ((def.kind === 'nodeRef' || (def.kind === 'choice' && def.nullable)) && isNone(value)) return null;
  return value;
}

/** Why a value does not fit its def, or `null` when it does. */
export function checkParam(def: ParamDef, value: unknown): string | null {
  switch (def.kind) {
    case 'int': {
      if (value === null && def.nullable) return null;
      if (typeof value !== 'number' || !Number.isInteger(value)) return `must be an integer${def.nullable ? ' or null' : ''}`;
      return rangeProblem(value, def.min, def.max, false);
    }
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return rangeProblem(value, def.min, def.max, def.maxExclusive ?? false);
    }
    case 'choice': {
      if (def.nullable && isNone(value)) return null;
      if (typeof value !== 'string' || !def.options.includes(value)) {
        return `must be one of ${[...(def.nullable ? ['none'] : []), ...def.options].join(', ')}`;
      }
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'nodeRef':
      return isNone(value) || (typeof value === 'string' && value.length > 0) ? null : 'must name a node or be none';
    case 'shape': {
      const ok = Array.isArray(value) && value.length >= 1 && value.length <= 4 && value.every((d) => Number.isInteger(d) && (d >= 1 || d === -1));
      if (!ok) return 'must be 1 to 4 sizes of at least 1 (one may be -1)';
      return (value as number[]).filter((d) => d === -1).length > 1 ? 'may have -1 once' : null;
    }
  }
}

function rangeProblem(value: number, min: number | undefined, max: number | undefined, maxExclusive: boolean): string | null {
  if (min !== undefined && value < min) return `must be at least ${min}`;
  if (max !== undefined && (maxExclusive ? value >= max : value > max)) return maxExclusive ? `must be below ${max}` : `must be at most ${max}`;
  return null;
}

/** The params a node gets when dropped from the palette. */
export function initialParams(defs: ParamDefs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(defs)) {
    if (def.initial !== undefined) out[name] = def.initial;
    else if (!('default' in def)) {
      out[name] = def.kind === 'int' || def.kind === 'float' ? (def.min ?? 1) : def.kind === 'bool' ? false : def.kind === 'choice' ? def.options[0] : def.kind === 'shape' ? [-1] : null;
    }
  }
  return out;
}
