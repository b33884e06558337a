import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ShapeFlowEdge } from './flow-model';

/** How far below the lower of its two ends the loop runs. */
const DROP = 56;

/**
 * The loop a `feedback` param declares: from under the Output sampled, down,
 * back along beneath the graph, and up into the input it feeds at the next
 * step. Drawn so that one-to-many, seq2seq and the stroke model show their
 * loop on the canvas; it is not a wire of the file and cannot be edited.
 */
export const FeedbackEdge = memo(function FeedbackEdge({ id, sourceX, sourceY, targetX, targetY }: EdgeProps<ShapeFlowEdge>) {
  const bottom = Math.max(sourceY, targetY) + DROP;
  const r = 14;
  const dir = targetX < sourceX ? -1 : 1;
  const path = [
    `M ${sourceX} ${sourceY}`,
    `L ${sourceX} ${bottom - r}`,
    `Q ${sourceX} ${bottom} ${sourceX + dir * r} ${bottom}`,
    `L ${targetX - dir * r} ${bottom}`,
    `Q ${targetX} ${bottom} ${targetX} ${bottom - r}`,
    `L ${targetX} ${targetY}`,
  ].join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} className="sw-edge is-feedback" />
      <EdgeLabelRenderer>
        <div className="sw-edge-label is-feedback" style={{ transform: `translate(-50%, -50%) translate(${(sourceX + targetX) / 2}px, ${bottom}px)` }}>
          sample fed back, next step
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
