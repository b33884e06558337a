import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShapeFlowEdge } from './flow-model';

/** A wire with its shape on it (`[T, 64]`), red where the port it feeds has an error. */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, sourceHandleId, targetHandleId } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const state = /^(h|c|h0|c0)$/.test(sourceHandleId ?? '') || /^(h0|c0)$/.test(targetHandleId ?? '');
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
