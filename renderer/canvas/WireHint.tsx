import { useConnection } from '@xyflow/react';
import { useMemo } from 'react';
import { useEditor } from '../state/store';
import { dropWire } from './replace-wire';
import { endsOf } from './wiring';

/** While a wire hovers a port that cannot take it, says why, beside the cursor. */
export function WireHint() {
  const connection = useConnection();
  const analysis = useEditor((s) => s.analysis);
  const from = connection.inProgress ? connection.fromHandle : null;
  const to = connection.inProgress ? connection.toHandle : null;
  const key = from && to ? `${from.nodeId}.${from.id}.${from.type}>${to.nodeId}.${to.id}.${to.type}` : null;
  const reason = useMemo(() => {
    if (!from || !to) return null;
    const ends = endsOf(from, to);
    if (!ends) return 'connect an output (right side) to an input (left side)';
    // The graph is read when the hovered port changes; a move of a node cannot change whether a wire fits.
    const result = dropWire(useEditor.getState().graph, analysis, ends);
    return result.ok ? null : result.reason;
    // The key names the two ports; recompute only when the hovered port changes.
  }, [key, analysis]);
  if (!connection.inProgress || !reason) return null;
  return (
    <div className="sw-wire-hint" role="status" style={{ left: connection.pointer.x + 16, top: connection.pointer.y + 12 }}>
      {reason}
    </div>
  );
}
