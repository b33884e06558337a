import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShapeFlowEdge } from './flow-model';

/** Where along the wire its label sits, by the port it feeds: state wires step aside from the wire into `in`. */
const LABEL_AT: Record<string, number> = { h0: 0.3, c0: 0.7 };

/**
 * A point of React Flow's bezier from a right-hand handle to a left-hand one
 * (control points half the distance out, or bent back when the target is behind).
 */
export function pointOnWire(sx: number, sy: number, tx: number, ty: number, t: number): [number, number] {
  const dx = tx - sx;
  const offset = dx >= 0 ? 0.5 * dx : 0.25 * 25 * Math.sqrt(-dx);
  const p1x = sx + offset;
  const p2x = tx - offset;
  const u = 1 - t;
  const x = u * u * u * sx + 3 * u * u * t * p1x + 3 * u * t * t * p2x + t * t * t * tx;
  const y = u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty;
  return [x, y];
}

/** A wire with its shape on it (`[T, 64]`), red where the port it feeds has an error. */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, sourceHandleId, targetHandleId } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const state = /^(h|c|h0|c0)$/.test(sourceHandleId ?? '') || /^(h0|c0)$/.test(targetHandleId ?? '');
  // Wires into neighbouring ports run side by side (h0 and c0 from h and c): their labels sit at different points along them, so they never stack.
  const [labelX, labelY] = pointOnWire(sourceX, sourceY, targetX, targetY, LABEL_AT[targetHandleId ?? ''] ?? 0.5);
  const classes = ['sw-edge', data?.broken ? 'is-broken' : '', selected ? 'is-selected' : '', state ? 'is-state' : ''];
  return (
    <>
      <BaseEdge id={id} path={path} className={classes.join(' ')} interactionWidth={18} />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className={`sw-edge-label ${data.broken ? 'is-broken' : ''} ${selected ? 'is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`wire-label-${id}`}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
