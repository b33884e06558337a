import { Background, BackgroundVariant, Controls, ReactFlow, useReactFlow, useStore } from '@xyflow/react';
import { useCallback, useReducer, useRef, useState } from 'react';
import { addNode, addNodeWiredFrom } from '../state/commands';
import { useEditor } from '../state/store';
import { GroupNode, NoteNode } from './Annotations';
import { useCanvasShared } from './canvas-context';
import { CanvasMiniMap, EmptyCanvasGuide, useRoomy } from './CanvasAids';
import { FeedbackEdge } from './FeedbackEdge';
import type { ShapeFlowEdge } from './flow-model';
import { placeNew } from './place-new';
import { NEW_NODE } from './placement';
import { QuickAdd } from './QuickAdd';
import { ShapeEdge } from './ShapeEdge';
import { SpecNode } from './SpecNode';
import { useFlowItems, type CanvasNode } from './use-flow-items';
import { useNodeChanges } from './use-node-changes';
import { useViewRequests } from './use-view-requests';
import { useWireDrawing, type QuickAddRequest } from './use-wire-drawing';
import { WireHint } from './WireHint';

const nodeTypes = { spec: SpecNode, note: NoteNode, frame: GroupNode };
const edgeTypes = { shape: ShapeEdge, feedback: FeedbackEdge };
export const NODE_DRAG_TYPE = 'application/x-seqwire-node';
/**
 * Below this zoom an 11 px label is under 4 px on screen: the canvas draws
 * nodes as titled cards and wires without labels ("far" in styles.css). The
 * text stays in the page, only undrawn, so it costs no layout or paint.
 */
export const FAR_ZOOM = 0.35;
const isFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;

/**
 * The graph on screen. The document is derived into React Flow's nodes and
 * edges (useFlowItems), React Flow's changes come back as edits
 * (useNodeChanges), wires are checked and placed by useWireDrawing, and
 * the view follows the document's requests (useViewRequests); what is left
 * here is adding nodes (drop, double-click, quick add) and the drawing.
 */
export function Canvas() {
  const nodeCount = useEditor((s) => s.graph.nodes.length);
  const { model, pointer } = useCanvasShared();
  const far = useStore(isFar);
  const [measureTick, remeasured] = useReducer((n: number) => n + 1, 0);
  const flow = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const [quickAdd, setQuickAdd] = useState<QuickAddRequest | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const roomy = useRoomy(wrapper);

  const { nodes, edges } = useFlowItems(model, measureTick);
  const { onNodesChange, onEdgesChange } = useNodeChanges(model, remeasured);
  const wires = useWireDrawing(wrapper, setQuickAdd);
  useViewRequests(model);

  const onDrop = useCallback((e: React.DragEvent) => {
    const type = e.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!type) return;
    e.preventDefault();
    addNode(type, flow.screenToFlowPosition({ x: e.clientX - 100, y: e.clientY - 30 }));
  }, [flow]);

  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    if (!(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane')) return;
    const box = wrapper.current!.getBoundingClientRect();
    setQuickAdd({ screen: { x: e.clientX - box.left, y: e.clientY - box.top }, flow: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
  }, [flow]);

  const pickQuickAdd = (request: QuickAddRequest, type: string) => {
    // Centred on the point asked for, moved to free space in view if something is there.
    const at = placeNew(flow, model.measured, { x: request.flow.x - NEW_NODE.width / 2, y: request.flow.y - 30 });
    if (request.from) addNodeWiredFrom(type, at, request.from); else addNode(type, at);
    setQuickAdd(null);
  };

  return (
    <div
      className={far ? 'sw-canvas is-far' : 'sw-canvas'}
      ref={wrapper}
      onDragOver={(e) => { if (e.dataTransfer.types.includes(NODE_DRAG_TYPE)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } }}
      onDrop={onDrop}
      onDoubleClick={onDoubleClick}
      onPointerMove={(e) => { pointer.flow = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }); }}
      onPointerLeave={() => { pointer.flow = null; }}
      aria-label="graph canvas"
      role="application"
    >
      <ReactFlow<CanvasNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={wires.onConnect}
        onConnectStart={wires.onConnectStart}
        onConnectEnd={wires.onConnectEnd}
        isValidConnection={wires.isValidConnection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        zoomOnDoubleClick={false}
        colorMode="dark"
        minZoom={0.1}
        maxZoom={2.5}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={nodeCount > 150}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="#2c3442" />
        {roomy && nodeCount > 0 ? <CanvasMiniMap /> : null}
        <Controls aria-label="zoom controls" showInteractive={false} />
        <WireHint />
      </ReactFlow>
      {quickAdd ? <QuickAdd at={quickAdd.screen} onPick={(type) => pickQuickAdd(quickAdd, type)} onClose={() => setQuickAdd(null)} /> : null}
      {nodeCount === 0 ? <EmptyCanvasGuide /> : null}
    </div>
  );
}
