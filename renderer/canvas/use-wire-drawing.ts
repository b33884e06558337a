import { useReactFlow, type Connection, type FinalConnectionState, type OnConnectStartParams } from '@xyflow/react';
import { useCallback } from 'react';
import type { WireEnds } from '../../core/validate/connect';
import { useEditor } from '../state/store';
import type { ShapeFlowEdge } from './flow-model';
import { NEW_NODE } from './placement';
import { canTakeOrReplace, dropWire, fixedWire, type WireDrop } from './replace-wire';
import { endsOf } from './wiring';

type Point = { x: number; y: number };

/** A quick-add search asked for: where it opens on screen (in the canvas box), where its node goes, and the output to wire it from. */
export interface QuickAddRequest {
  screen: Point;
  flow: Point;
  from?: { nodeId: string; port: string };
}

/**
 * Drawing wires: which ports light up while a wire is drawn, whether a drop
 * is allowed (core's wire checks, through replace-wire), the edit or the
 * refusal with its fix when it lands, and a quick-add search when a wire
 * from an output is dropped on empty canvas.
 */
export function useWireDrawing(canvasBox: React.RefObject<HTMLDivElement | null>, openQuickAdd: (request: QuickAddRequest) => void) {
  const flow = useReactFlow();

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
    if (!state.toHandle && state.fromHandle?.type === 'source' && state.fromHandle.id && 'clientX' in e && canvasBox.current) {
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('.react-flow__node')) return;
      const box = canvasBox.current.getBoundingClientRect();
      openQuickAdd({
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
  }, [flow, canvasBox, openQuickAdd]);

  const isValidConnection = useCallback((c: Connection | ShapeFlowEdge) => {
    const s = useEditor.getState();
    const ends = toEnds(c);
    return !!ends && canTakeOrReplace(s.graph, s.analysis, ends);
  }, []);

  return { onConnect, onConnectStart, onConnectEnd, isValidConnection };
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
