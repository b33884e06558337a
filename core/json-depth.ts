/**
 * Bounds on a document from outside, checked right after JSON.parse.
 * JSON.parse copes with any depth, but everything after it (schemas,
 * analysis, saving) walks values recursively and would die with "Maximum
 * call stack size exceeded"; the walk here uses no recursion, so the check
 * itself cannot.
 */

/** Deepest nesting a project file, model.json or request may have: far beyond any real one (about 12). */
export const MAX_JSON_DEPTH = 100;

type Finding = { kind: 'deep' | 'proto'; path: string };

function scan(value: unknown, limit: number): Finding | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop() as { v: unknown; depth: number; path: string };
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return { kind: 'deep', path: path || '(document)' };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key === '__proto__') return { kind: 'proto', path: path || '(document)' };
      const child = (v as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1, path: path ? `${path}.${shortKey(key)}` : shortKey(key) });
    }
  }
  return null;
}

function shortKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return safe.length > 40 ? `${safe.slice(0, 39)}…` : safe;
}

function shortPath(path: string): string {
  return path.length > 120 ? `${path.slice(0, 119)}…` : path;
}

/** Where `value` nests deeper than `limit` (a path such as `nodes[0].params.x`), or null. */
export function tooDeep(value: unknown, limit = MAX_JSON_DEPTH): string | null {
  const found = scan(value, limit);
  return found?.kind === 'deep' ? found.path : null;
}

/**
 * What makes a parsed document unsafe to use, as a message, or null: nesting
 * deeper than `limit`, or a key named `__proto__` (JSON.parse keeps it as a
 * plain key, but copying the object sets a prototype instead, so the value
 * would silently vanish or leak into lookups).
 */
export function unsafeJson(value: unknown, limit = MAX_JSON_DEPTH): string | null {
  const found = scan(value, limit);
  if (!found) return null;
  if (found.kind === 'proto') return `has a key named "__proto__" in ${shortPath(found.path)}; Seqwire documents never use that name`;
  return `is nested more than ${limit} levels deep at ${shortPath(found.path)}; no Seqwire document nests this deep`;
}

/** JSON.parse, then the bounds; throws a SyntaxError or an Error with a clear message. */
export function parseJsonBounded(text: string, limit = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  const problem = unsafeJson(value, limit);
  if (problem !== null) throw new Error(`the document ${problem}`);
  return value;
}
