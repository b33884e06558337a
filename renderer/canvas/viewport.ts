import { getViewportForBounds, type Node, type ReactFlowInstance } from '@xyflow/react';

/**
 * The zoom at which the smallest text that matters on a node, its port names
 * (11 px), is drawn at 11 px. Fitting a small graph never goes below it; a
 * large graph may, and is then drawn with the card level of detail.
 */
export const READABLE_ZOOM = 1;
/** Up to this many nodes a graph is "small": it is shown readable, panned to its inputs, rather than shrunk to fit. */
export const SMALL_GRAPH = 24;
const PADDING = 0.2;

type Flow<N extends Node> = Pick<ReactFlowInstance<N>, 'getNodes' | 'getNodesBounds' | 'setViewport' | 'fitView'>;

/**
 * Fits the graph into the canvas. A small graph that would only fit below
 * READABLE_ZOOM is drawn at that zoom instead, its left edge (the inputs)
 * in view and centred vertically, so its text stays legible.
 */
export async function fitView<N extends Node>(flow: Flow<N>, opts: { duration?: number; maxZoom?: number } = {}): Promise<boolean> {
  const maxZoom = opts.maxZoom ?? 1.2;
  const nodes = flow.getNodes();
  const pane = document.querySelector<HTMLElement>('.sw-canvas .react-flow');
  if (nodes.length === 0 || !pane || nodes.length > SMALL_GRAPH) return flow.fitView({ padding: PADDING, maxZoom, duration: opts.duration });
  const bounds = flow.getNodesBounds(nodes);
  const width = pane.clientWidth;
  const height = pane.clientHeight;
  const fit = getViewportForBounds(bounds, width, height, 0.1, maxZoom, PADDING);
  if (fit.zoom >= READABLE_ZOOM) return flow.setViewport(fit, { duration: opts.duration });
  const zoom = READABLE_ZOOM;
  const margin = 32;
  const x = margin - bounds.x * zoom;
  const fitsTall = bounds.height * zoom <= height - 2 * margin;
  const y = fitsTall ? (height - bounds.height * zoom) / 2 - bounds.y * zoom : margin - bounds.y * zoom;
  return flow.setViewport({ x, y, zoom }, { duration: opts.duration });
}

/** Fits once the canvas has drawn the latest edit (an auto-layout moves every node first). */
export function fitSoon<N extends Node>(flow: Flow<N>, opts: { duration?: number } = {}): Promise<boolean> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => void fitView(flow, opts).then(resolve))));
}
