import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, useStore,
  type Connection, type EdgeChange, type FinalConnectionState, type NodeChange, type OnConnectStartParams,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { addNode, addNodeWiredFrom } from '../state/commands';
import type { GraphEdit } from '../../core/graph/edits';
import { useEditor } from '../state/store';
import { feedbackLoops, FlowModel, type ShapeFlowEdge, type SpecFlowNode } from './flow-model';
import { MoveBatch, type NodeMove } from './move-batch';
import { QuickAdd } from './QuickAdd';
import { annotationNodes, GROUP_PREFIX, GroupNode, NOTE_PREFIX, NoteNode, type GroupFlowNode, type NoteFlowNode } from './Annotations';
import { ShapeEdge } from './ShapeEdge';
import { FeedbackEdge } from './FeedbackEdge';
import { placeNew } from './place-new';
import { NEW_NODE } from './placement';
import { fitView } from './viewport';
import { SpecNode } from './SpecNode';
import { WireHint } from './WireHint';
import { canTakeOrReplace, dropWire, fixedWire, type WireDrop } from './replace-wire';
import type { WireEnds } from '../../core/validate/connect';
import { endsOf } from './wiring';

const nodeTypes = { spec: SpecNode, note: NoteNode, frame: GroupNode };
type CanvasNode = SpecFlowNode | NoteFlowNode | GroupFlowNode;
const edgeTypes = { shape: ShapeEdge, feedback: FeedbackEdge };
export const NODE_DRAG_TYPE = 'application/x-seqwire-node';
/**
 * Below this zoom an 11 px label is under 4 px on screen: the canvas draws
 * nodes as titled cards and wires without labels ("far" in styles.css). The
 * text stays in the page, only undrawn, so it costs no layout or paint.
 */
export const FAR_ZOOM = 0.35;
const isFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;

/** The model shared with commands that need node sizes (auto-layout). */
export const flowModel = new FlowModel();

/** Where the pointer last was on the canvas, in flow coordinates: pastes land there. */
export const pointer = { flow: null as { x: number; y: number } | null };

export function Canvas() {
  const graph = useEditor((s) => s.graph);
  const analysis = useEditor((s) => s.analysis);
  const selected = useEditor((s) => s.selected);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const focusRequest = useEditor((s) => s.focusRequest);
  const far = useStore(isFar);
  const [measureTick, remeasured] = useReducer((n: number) => n + 1, 0);
  const flow = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const [quickAdd, setQuickAdd] = useState<{ screen: { x: number; y: number }; flow: { x: number; y: number }; from?: { nodeId: string; port: string } } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const roomy = useRoomy(wrapper);

  // measureTick: sizes live in flowModel.measured, so a new measurement must rebuild the nodes.
  // Keyed on a string of the loops, so that a drag (new node objects, same loops) hands React Flow the same edges.
  const loopKey = feedbackLoops(graph).map((l) => `${l.output}\u0001${l.input}`).join('\u0000');
  const loops = useMemo(() => (loopKey ? loopKey.split('\u0000').map((p) => { const [output, input] = p.split('\u0001'); return { output, input }; }) : []), [loopKey]);
  const specNodes = useMemo(() => flowModel.buildNodes(graph, analysis, selected, loops), [graph, analysis, selected, measureTick, loops]);
  // Groups and notes are few; they sit before the nodes, so frames are drawn under them.
  const annotations = useMemo(() => annotationNodes(graph.groups, graph.notes, selected), [graph.groups, graph.notes, selected]);
  const nodes = useMemo<CanvasNode[]>(() => (annotations.length ? [...annotations, ...specNodes] : specNodes), [annotations, specNodes]);
  // Keyed on the edges, not the graph: a drag must hand React Flow the same edges array, or it rebuilds its lookups each move.
  const graphEdges = graph.edges;
  const edges = useMemo(() => flowModel.buildEdges(graphEdges, analysis, selectedEdges, loops), [graphEdges, analysis, selectedEdges, loops]);

  // A drag is previewed once a frame, with each node where it last was, and becomes one undo step when it ends.
  const moveBatch = useMemo(() => new MoveBatch((moves) => useEditor.getState().preview(moveEdit(moves))), []);
  useEffect(() => () => moveBatch.flush(), [moveBatch]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const s = useEditor.getState();
    const moves: NodeMove[] = [];
    let dragEnded = false;
    let measured = false;
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position') {
        const move = c.position ? { id: c.id, position: { x: Math.round(c.position.x), y: Math.round(c.position.y) } } : null;
        if (move && c.dragging) moveBatch.add(move);
        else if (move) moves.push(move);
        if (c.dragging === false) dragEnded = true;
      } else if (c.type === 'dimensions' && c.dimensions) {
        flowModel.measured.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        measured = true;
      } else if (c.type === 'select') {
        selection ??= new Set(s.selected);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    // Anything but a move mid-drag first applies the moves still waiting for their frame, so the order holds.
    if (moves.length || dragEnded || selection) moveBatch.flush();
    if (moves.length) s.preview(moveEdit(moves));
    if (dragEnded) s.settle();
    if (selection) s.select(selection, s.selectedEdges);
    if (measured) remeasured();
  }, [moveBatch]);

  const onEdgesChange = useCallback((changes: EdgeChange<ShapeFlowEdge>[]) => {
    const s = useEditor.getState();
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        selection ??= new Set(s.selectedEdges);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    if (selection) s.select(s.selected, selection);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const s = useEditor.getState();
    const ends = toEnds(c);
    if (!ends) return;
    const result = dropWire(s.graph, s.analysis, ends);
    if (result.ok) {
      s.edit(result.edit);
      if (result.replaced) s.notify({ kind: 'info', text: `Replaced the wire from ${result.replaced.source}.${result.replaced.sourceHandle}` });
    } else refuse(result, ends);
  }, []);

  // While a wire is drawn, light the ports that can take it; the rest dim.
  const onConnectStart = useCallback((_e: unknown, params: OnConnectStartParams) => {
    const s = useEditor.getState();
    if (!params.nodeId || !params.handleId) return;
    const targets = new Map<string, string>();
    for (const [id, entry] of s.analysis.nodes) {
      if (!entry.spec) continue;
      const ports = params.handleType === 'source' ? entry.spec.inputs(entry.params) : entry.spec.outputs(entry.params);
      const ok = ports.filter((p) => {
        const w: WireEnds = params.handleType === 'source'
          ? { source: params.nodeId!, sourceHandle: params.handleId!, target: id, targetHandle: p.name }
          : { source: id, sourceHandle: p.name, target: params.nodeId!, targetHandle: params.handleId! };
        return canTakeOrReplace(s.graph, s.analysis, w);
      });
      if (ok.length) targets.set(id, ok.map((p) => p.name).join(','));
    }
    s.setWireTargets(targets);
  }, []);

  const onConnectEnd = useCallback((e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const s = useEditor.getState();
    s.setWireTargets(null);
    // A wire from an output dropped on empty canvas: search for a node to add there, wired to it.
    if (!state.toHandle && state.fromHandle?.type === 'source' && state.fromHandle.id && 'clientX' in e && wrapper.current) {
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('.react-flow__node')) return;
      const box = wrapper.current.getBoundingClientRect();
      setQuickAdd({
        screen: { x: e.clientX - box.left, y: e.clientY - box.top },
        flow: flow.screenToFlowPosition({ x: e.clientX + NEW_NODE.width / 2 + 20, y: e.clientY }),
        from: { nodeId: state.fromHandle.nodeId, port: state.fromHandle.id },
      });
      return;
    }
    if (state.toHandle && state.isValid === false && state.fromHandle) {
      const ends = endsOf(state.fromHandle, state.toHandle);
      const result = ends ? dropWire(s.graph, s.analysis, ends) : null;
      if (result && !result.ok && ends) refuse(result, ends);
    }
  }, [flow]);

  const isValidConnection = useCallback((c: Connection | ShapeFlowEdge) => {
    const s = useEditor.getState();
    const ends = toEnds(c);
    return !!ends && canTakeOrReplace(s.graph, s.analysis, ends);
  }, []);

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

  // A loaded document is fitted into view once its nodes have sizes; dropping nodes on an empty canvas never zooms.
  const fitRequest = useEditor((s) => s.fitRequest);
  const initialized = useNodesInitialized();
  const fitted = useRef(0);
  useEffect(() => {
    if (!fitRequest || fitted.current === fitRequest || !initialized) return;
    fitted.current = fitRequest;
    void fitView(flow);
  }, [fitRequest, initialized, flow]);

  useEffect(() => {
    if (!focusRequest) return;
    const node = flow.getNode(focusRequest.id);
    if (!node) return;
    const size = flowModel.measured.get(node.id) ?? { width: 200, height: 100 };
    void flow.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 300 });
  }, [focusRequest, flow]);

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
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        zoomOnDoubleClick={false}
        colorMode="dark"
        minZoom={0.1}
        maxZoom={2.5}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        proOptions={{ hideAttribution: true }}
        onlyRenderVisibleElements={graph.nodes.length > 150}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="#2c3442" />
        {roomy && graph.nodes.length > 0 ? <MiniMap pannable zoomable ariaLabel="minimap" style={{ width: 180, height: 120 }} nodeColor={minimapColor} maskColor="rgba(10,12,18,0.7)" /> : null}
        <Controls aria-label="zoom controls" showInteractive={false} />
        <WireHint />
      </ReactFlow>
      {quickAdd ? (
        <QuickAdd
          at={quickAdd.screen}
          onPick={(type) => {
            // Centred on the point asked for, moved to free space in view if something is there.
            const at = placeNew(flow, { x: quickAdd.flow.x - NEW_NODE.width / 2, y: quickAdd.flow.y - 30 });
            if (quickAdd.from) addNodeWiredFrom(type, at, quickAdd.from); else addNode(type, at);
            setQuickAdd(null);
          }}
          onClose={() => setQuickAdd(null)}
        />
      ) : null}
      {graph.nodes.length === 0 ? (
        <div className="sw-canvas-empty" aria-hidden>
          <div className="sw-canvas-guide">
            <h2>An empty canvas</h2>
            <p>Drag a node from the palette, or double-click here to search for one.</p>
            <p>A network starts at an input (SequenceInput, TokenInput…) and ends at an Output; wire outputs (right) to inputs (left).</p>
            <p>Or start from a template: File › Templates.</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The minimap is shown only on a canvas with room to spare: on a small one it would hide a third of the graph. */
export const MINIMAP_ROOM = { width: 720, height: 440 };
function useRoomy(box: React.RefObject<HTMLDivElement | null>): boolean {
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

/** Moves of canvas items as one edit: node ids as they are, notes and groups by their prefixed flow ids. */
function moveEdit(moves: NodeMove[]): GraphEdit {
  const nodes: NodeMove[] = [];
  const notes: NodeMove[] = [];
  const groups: NodeMove[] = [];
  for (const m of moves) {
    if (m.id.startsWith(NOTE_PREFIX)) notes.push({ id: m.id.slice(NOTE_PREFIX.length), position: m.position });
    else if (m.id.startsWith(GROUP_PREFIX)) groups.push({ id: m.id.slice(GROUP_PREFIX.length), position: m.position });
    else nodes.push(m);
  }
  return notes.length || groups.length ? { kind: 'move', moves: nodes, notes, groups } : { kind: 'move', moves: nodes };
}

/** Says why a wire was refused, with the fix the reason names as a button. */
function refuse(result: Extract<WireDrop, { ok: false }>, ends: WireEnds) {
  const s = useEditor.getState();
  const fix = fixedWire(result, ends);
  s.notify({ kind: 'error', text: `Wire refused: ${result.reason}`, action: fix ? { label: fix.label, run: () => useEditor.getState().edit(fix.edit) } : undefined });
}

function toEnds(c: { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): WireEnds | null {
  if (!c.sourceHandle || !c.targetHandle) return null;
  return { source: c.source, sourceHandle: c.sourceHandle, target: c.target, targetHandle: c.targetHandle };
}

