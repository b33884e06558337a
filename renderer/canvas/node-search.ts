import { NODE_SPECS } from '../../core/nodes/registry';
import type { AnyNodeSpec } from '../../core/nodes/spec';

/**
 * Node types that match every word of a query, in the type name, the
 * category, the description or the keywords of what the node does
 * ("mixture" finds Output, "gate" finds LSTM and GRU). A match on the type
 * name ranks first, then on the category, then on words of what it does.
 */
export function searchSpecs(query: string, specs: readonly AnyNodeSpec[] = NODE_SPECS): AnyNodeSpec[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...specs];
  const scored: { spec: AnyNodeSpec; score: number; at: number }[] = [];
  specs.forEach((spec, at) => {
    const type = spec.type.toLowerCase();
    const category = spec.category.toLowerCase();
    const about = `${spec.description} ${(spec.keywords ?? []).join(' ')}`.toLowerCase();
    let score = 0;
    for (const w of words) {
      if (type.startsWith(w)) score += 4;
      else if (type.includes(w)) score += 3;
      else if (category.includes(w)) score += 2;
      else if (about.includes(w)) score += 1;
      else return;
    }
    scored.push({ spec, score, at });
  });
  return scored.sort((a, b) => b.score - a.score || a.at - b.at).map((s) => s.spec);
}
