/** Python source text of JSON-like values: `None`, `True`, tuples for shapes. */
export function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Python literal`);
    return String(value);
  }
  // A JSON string literal is a valid Python string literal.
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

/** A shape as a Python tuple, `None` for unknown sizes: `(None, 5)`, `(64,)`. */
export function pyTuple(values: unknown[]): string {
  return values.length === 1 ? `(${py(values[0])},)` : `(${values.map(py).join(', ')})`;
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
/** Names the script itself uses, which a layer's variable must not shadow. */
const TAKEN = new Set(['tf', 'keras', 'layers', 'np', 'json', 'os', 'sys', 'argparse', 'model', 'inputs', 'outputs', 'main']);

/** A Python identifier for a layer's tensor, unique among `used`. */
export function pyName(raw: string, used: Set<string>): string {
  let base = raw.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(base)) base = `t_${base}`;
  if (KEYWORDS.has(base) || TAKEN.has(base)) base = `${base}_`;
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
  used.add(name);
  return name;
}
