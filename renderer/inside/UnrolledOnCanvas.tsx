import { useEditor } from '../state/store';
import { Unrolled } from './CellViews';
import { upstreamInput } from './InsideView';
import { useShownProbe } from './shown-probe';

/** A recurrent node drawn through time in place on the canvas (a Stack as its layers), from the probe the Inside view shows. */
export function UnrolledOnCanvas({ nodeId }: { nodeId: string }) {
  const probe = useShownProbe((s) => s.probe);
  const graph = useEditor((s) => s.graph);
  const cells = probe?.cells.filter((c) => c.nodeId === nodeId) ?? [];
  if (!cells.length) {
    return <p className="sw-node-unrolled-empty">Train the model and open the Inside tab (Training panel): this node is then drawn through time here.</p>;
  }
  const input = upstreamInput(graph, nodeId);
  const tokens = probe?.inputs.find((i) => i.nodeId === input)?.tokens ?? null;
  return (
    <div className="sw-node-unrolled nodrag nowheel">
      {cells.map((cell) => <Unrolled key={`${cell.layer}-${cell.direction}`} cell={cell} tokens={tokens} room={7} />)}
    </div>
  );
}
