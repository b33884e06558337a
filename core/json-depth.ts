/**
 * A bound on how deeply a document from outside may nest. JSON.parse copes
 * with any depth, but everything after it (schemas, analysis, saving) walks
 * values recursively and would die with "Maximum call stack size exceeded";
 * the depth is measured here without recursion, so the check itself cannot.
 */

/** Deepest nesting a project file, model.json or request may have: far beyond any real one (about 12). */
export const MAX_JSON_DEPTH = 100;

/** Where `value` nests deeper than `limit` (a path such as `nodes[0].params.x`), or null. */
export function tooDeep(value: unknown, limit = MAX_JSON_DEPTH): string | null {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length) {
    const { v, depth, path } = stack.pop() as { v: unknown; depth: number; path: string };
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return path || '(document)';
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
    } else {
      for (const key of Object.keys(v)) {
        const child = (v as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ v: child, depth: depth + 1, path: path ? `${path}.${shortKey(key)}` : shortKey(key) });
      }
    }
  }
  return null;
}

function shortKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return safe.length > 40 ? `${safe.slice(0, 39)}…` : safe;
}

/** The message for a value nested too deeply at `path`. */
export function tooDeepMessage(path: string, limit = MAX_JSON_DEPTH): string {
  const where = path.length > 120 ? `${path.slice(0, 119)}…` : path;
  return `nested more than ${limit} levels deep at ${where}; no Seqwire document nests this deep`;
}

/** JSON.parse, then the depth bound; throws a SyntaxError or an Error with a clear message. */
export function parseJsonBounded(text: string, limit = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  const deep = tooDeep(value, limit);
  if (deep !== null) throw new Error(tooDeepMessage(deep, limit));
  return value;
}
