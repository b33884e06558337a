import { MiniMap } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { CanvasNode } from './use-flow-items';

/** The minimap is shown only on a canvas with room to spare: on a small one it would hide a third of the graph. */
export const MINIMAP_ROOM = { width: 720, height: 440 };

/** Whether the canvas box has room for the minimap, following it as panels resize. */
export function useRoomy(box: React.RefObject<HTMLDivElement | null>): boolean {
  const [roomy, setRoomy] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setRoomy(el.clientWidth >= MINIMAP_ROOM.width && el.clientHeight >= MINIMAP_ROOM.height);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  return roomy;
}

const CATEGORY_COLORS: Record<string, string> = { Inputs: '#2dd4bf', Recurrent: '#a78bfa', Stacking: '#818cf8', Layers: '#60a5fa', Decoders: '#fb923c' };
function minimapColor(n: CanvasNode): string {
  if (n.type !== 'spec') return 'transparent';
  return n.data.view.errors.length ? '#f87171' : CATEGORY_COLORS[n.data.view.category ?? ''] ?? '#64748b';
}

/** The overview in the corner, nodes coloured by category and red where they have errors. */
export function CanvasMiniMap() {
  return <MiniMap pannable zoomable ariaLabel="minimap" style={{ width: 180, height: 120 }} nodeColor={minimapColor} maskColor="rgba(10,12,18,0.7)" />;
}

/** What an empty canvas says instead of errors: how to start. */
export function EmptyCanvasGuide() {
  return (
    <div className="sw-canvas-empty" aria-hidden>
      <div className="sw-canvas-guide">
        <h2>An empty canvas</h2>
        <p>Drag a node from the palette, or double-click here to search for one.</p>
        <p>A network starts at an input (SequenceInput, TokenInput…) and ends at an Output; wire outputs (right) to inputs (left).</p>
        <p>Or start from a template: File › Templates.</p>
      </div>
    </div>
  );
}
