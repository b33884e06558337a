/**
 * Layer names unique within one model, derived from node ids so that a layer
 * in a summary, an error or an exported file points back at its node. tfjs
 * rejects names outside `[A-Za-z0-9][-A-Za-z0-9._/]*`, and `/` separates
 * weight scopes, so other characters become `_`.
 */
export class LayerNames {
  private readonly taken = new Set<string>();

  take(id: string, suffix?: string): string {
    const base = sanitize(suffix ? `${id}_${suffix}` : id);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }
}

export function sanitize(raw: string): string {
  const clean = raw.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z0-9]/.test(clean) ? clean : `n${clean}`;
}
