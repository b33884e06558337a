import type { WireEnds } from '../../core/validate/connect';

/** A handle reference as React Flow reports it during a drag. */
type HandleRef = { nodeId: string; id?: string | null; type: 'source' | 'target' };
/** The wire between two handles, whichever end the drag started from; `null` for two inputs or two outputs. */
export function endsOf(from: HandleRef, to: HandleRef): WireEnds | null {
  const [src, dst] = from.type === 'source' ? [from, to] : [to, from];
  if (!src.id || !dst.id || src.type !== 'source' || dst.type !== 'target') return null;
  return { source: src.nodeId, sourceHandle: src.id, target: dst.nodeId, targetHandle: dst.id };
}
