import type { ReactFlowInstance } from '@xyflow/react';
import { useEditor } from '../state/store';
import { freeSpot, NEW_NODE, type Rect } from './placement';

type Flow = Pick<ReactFlowInstance, 'screenToFlowPosition' | 'setCenter' | 'getZoom'>;
/** Node sizes as the canvas measured them (`FlowModel.measured`). */
type Sizes = ReadonlyMap<string, { width: number; height: number }>;

/** The canvas as it is on screen, in flow coordinates, less a margin. */
function viewRect(flow: Flow): Rect | null {
  const box = document.querySelector('.sw-canvas')?.getBoundingClientRect();
  if (!box) return null;
  const margin = 16;
  const a = flow.screenToFlowPosition({ x: box.left + margin, y: box.top + margin });
  const b = flow.screenToFlowPosition({ x: box.right - margin, y: box.bottom - margin });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/** What a new node must not cover: every node, the shape labels on the wires, and the zoom controls and minimap over the canvas. */
function takenRects(flow: Flow, sizes: Sizes): Rect[] {
  const rects: Rect[] = [];
  for (const n of useEditor.getState().graph.nodes) {
    if (!n.position) continue;
    const size = sizes.get(n.id) ?? NEW_NODE;
    rects.push({ x: n.position.x, y: n.position.y, width: size.width, height: size.height });
  }
  for (const label of document.querySelectorAll('.sw-canvas .sw-edge-label, .sw-canvas .react-flow__controls, .sw-canvas .react-flow__minimap')) {
    const r = label.getBoundingClientRect();
    const a = flow.screenToFlowPosition({ x: r.left, y: r.top });
    const b = flow.screenToFlowPosition({ x: r.right, y: r.bottom });
    rects.push({ x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y });
  }
  return rects;
}

/**
 * Where a node added by keyboard or quick add goes: the free spot in view
 * nearest to `wanted` (flow coordinates). When the view is full, the nearest
 * free spot around it, and the view pans there so the node is seen.
 */
export function placeNew(flow: Flow, sizes: Sizes, wanted: { x: number; y: number }): { x: number; y: number } {
  const view = viewRect(flow);
  if (!view) return wanted;
  const taken = takenRects(flow, sizes);
  const inView = freeSpot(wanted, taken, view);
  if (inView) return inView;
  const around = { x: view.x - view.width, y: view.y - view.height, width: view.width * 3, height: view.height * 3 };
  const spot = freeSpot(wanted, taken, around) ?? wanted;
  void flow.setCenter(spot.x + NEW_NODE.width / 2, spot.y + NEW_NODE.height / 2, { zoom: flow.getZoom(), duration: 200 });
  return spot;
}

/** The top-left corner that centres a new node in the canvas. */
export function centreOfView(flow: Flow): { x: number; y: number } {
  const view = viewRect(flow);
  if (!view) return { x: 0, y: 0 };
  return { x: view.x + view.width / 2 - NEW_NODE.width / 2, y: view.y + view.height / 2 - NEW_NODE.height / 2 };
}
