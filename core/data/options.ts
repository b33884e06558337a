import { excerpt, quote } from '../quote';

/**
 * Dataset options, declared once per dataset: `resolveOptions` checks what a
 * graph file gives and fills defaults, and the catalogue (`seqwire datasets`)
 * prints them. Node params have their own DSL; dataset options also need
 * strings and lists of column names, so they get this small one.
 */
export type OptionDef =
  | { kind: 'int'; help: string; default?: number; min?: number; max?: number }
  | { kind: 'float'; help: string; default?: number; min?: number; max?: number }
  | { kind: 'bool'; help: string; default?: boolean }
  | { kind: 'string'; help: string; default?: string }
  | { kind: 'strings'; help: string; default?: string[] }
  | { kind: 'choice'; help: string; options: readonly string[]; default?: string };

export type OptionDefs = Record<string, OptionDef>;

type ValueOf<D extends OptionDef> = D extends { kind: 'int' | 'float' }
  ? number
  : D extends { kind: 'bool' } ? boolean
  : D extends { kind: 'strings' } ? string[]
  : D extends { kind: 'choice'; options: readonly (infer O)[] } ? O
  : string;

export type OptionValues<Defs extends OptionDefs> = { [K in keyof Defs]: ValueOf<Defs[K]> };

export type ResolvedOptions<Defs extends OptionDefs> = { ok: true; values: OptionValues<Defs> } | { ok: false; problems: string[] };

/** Checks the options a file gives against their defs and fills defaults. Never throws. */
export function resolveOptions<const Defs extends OptionDefs>(dataset: string, defs: Defs, raw: Record<string, unknown> | undefined): ResolvedOptions<Defs> {
  const given = raw ?? {};
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(defs, name)) {
      const known = Object.keys(defs);
      problems.push(`${dataset}: unknown option ${quote(name)} (${known.length ? `known: ${known.join(', ')}` : 'it takes no options'})`);
    }
  }
  for (const [name, def] of Object.entries(defs)) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined) {
      if (def.default === undefined) problems.push(`${dataset}: option "${name}" is required (${def.help})`);
      else values[name] = def.default;
      continue;
    }
    const problem = checkOption(def, value);
    if (problem) problems.push(`${dataset}: option "${name}" ${problem}, found ${excerpt(value)}`);
    else values[name] = def.kind === 'strings' && typeof value === 'string' ? [value] : value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, values: values as OptionValues<Defs> };
}

function checkOption(def: OptionDef, value: unknown): string | null {
  switch (def.kind) {
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (def.kind === 'int' && !Number.isInteger(value)) return 'must be an integer';
      if (def.min !== undefined && value < def.min) return `must be at least ${def.min}`;
      if (def.max !== undefined && value > def.max) return `must be at most ${def.max}`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'string':
      return typeof value === 'string' && value.length > 0 ? null : 'must be a non-empty string';
    case 'strings': {
      // One name alone is accepted for a list of one.
      if (typeof value === 'string' && value.length > 0) return null;
      const ok = Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0);
      return ok ? null : 'must be a non-empty list of names';
    }
    case 'choice':
      return typeof value === 'string' && def.options.includes(value) ? null : `must be one of ${def.options.join(', ')}`;
  }
}

/** `window` (int, required), `horizon` (int, default 1): how the catalogue lists an option. */
export function describeOption(name: string, def: OptionDef): string {
  const kind = def.kind === 'choice' ? def.options.join('|') : def.kind === 'strings' ? 'names' : def.kind;
  const dflt = def.default === undefined ? 'required' : `default ${JSON.stringify(def.default)}`;
  return `${name} (${kind}, ${dflt}): ${def.help}`;
}
