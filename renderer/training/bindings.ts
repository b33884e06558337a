import type { Dim } from '../../core/shapes/tensor-type';
import type { GraphAnalysis } from '../../core/validate/analyze';

/** A dataset field as the catalogue documents it: its shape may name options (`[maxLength, 5]`). */
export interface FieldDoc {
  name: string;
  shape: string;
  dtype: 'float32' | 'int32';
}

/** What a node wants from a field: a shape (null dims agree with anything) and a dtype. */
export interface Want {
  nodeId: string;
  role: 'input' | 'target';
  shapes: { shape: Dim[]; dtype: 'float32' | 'int32' | 'any' }[];
}

/** `[maxLength, 5]` -> [null, 5]: a dim named after an option is known only when the data is made. */
export function parseShapeDoc(shape: string): Dim[] | null {
  const inner = shape.trim().replace(/^\[|\]$/g, '').trim();
  if (inner === '') return [];
  return inner.split(',').map((d) => (/^\d+$/.test(d.trim()) ? Number(d.trim()) : null));
}

export function fieldFits(field: FieldDoc, want: Want['shapes'][number]): boolean {
  const shape = parseShapeDoc(field.shape);
  if (!shape || shape.length !== want.shape.length) return false;
  if (want.dtype !== 'any' && want.dtype !== field.dtype) return false;
  return shape.every((d, i) => d === null || want.shape[i] === null || d === want.shape[i]);
}

/** What each input node and each Output node of a graph needs bound, from the analysis. */
export function bindingWants(analysis: GraphAnalysis): Want[] {
  const wants: Want[] = [];
  for (const entry of analysis.nodes.values()) {
    const node = entry.node;
    if (!entry.spec) continue;
    if (entry.spec.category === 'Inputs') {
      const out = entry.outputs.out;
      if (out) wants.push({ nodeId: node.id, role: 'input', shapes: [{ shape: out.shape, dtype: out.dtype }] });
      else wants.push({ nodeId: node.id, role: 'input', shapes: [] });
    } else if (node.type === 'Output') {
      const arriving = entry.inputs.in?.[0];
      const head = entry.params.head;
      const units = typeof entry.params.units === 'number' ? entry.params.units : null;
      if (!arriving) { wants.push({ nodeId: node.id, role: 'target', shapes: [] }); continue; }
      const lead = arriving.shape.slice(0, -1);
      const shapes: Want['shapes'] =
        head === 'mdn' ? [{ shape: [...lead, 5], dtype: 'float32' }]
          : head === 'softmax' ? [{ shape: lead, dtype: 'int32' }, { shape: [...lead, units], dtype: 'float32' }]
            : [{ shape: [...lead, units], dtype: 'float32' }];
      wants.push({ nodeId: node.id, role: 'target', shapes });
    }
  }
  return wants;
}

/** How well a field's name suits a role: `strokesIn` feeds inputs, `strokesOut` and `target` are learned. */
function nameScore(field: string, role: Want['role']): number {
  const looksIn = /(in|input|source|x)$/i.test(field) || /^(rows|frames|image|chars|inputs)$/i.test(field);
  const looksOut = /(out|target|targets|label|labels|y|next\w*)$/i.test(field);
  if (role === 'input') return looksIn ? 2 : looksOut ? 0 : 1;
  return looksOut ? 2 : looksIn ? 0 : 1;
}

/**
 * Fields for each node, where shapes match: keeps what the user bound, then
 * fills the rest greedily, each field used once, names as the tie-breaker.
 */
export function suggestBindings(wants: Want[], fields: FieldDoc[], current: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const w of wants) {
    const field = current[w.nodeId];
    if (field && fields.some((f) => f.name === field)) { out[w.nodeId] = field; used.add(field); }
  }
  for (const w of wants) {
    if (out[w.nodeId]) continue;
    const candidates = fields
      .filter((f) => !used.has(f.name) && w.shapes.some((s) => fieldFits(f, s)))
      .sort((a, b) => nameScore(b.name, w.role) - nameScore(a.name, w.role));
    if (candidates[0]) { out[w.nodeId] = candidates[0].name; used.add(candidates[0].name); }
  }
  return out;
}
