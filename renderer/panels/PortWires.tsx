import { useMemo } from 'react';
import type { PortDef } from '../../core/nodes/spec';
import { formatType } from '../../core/shapes/tensor-type';
import { canTake, checkWire } from '../../core/validate/connect';
import { useEditor } from '../state/store';

/**
 * The wires into the selected node, one row per input port: what feeds it,
 * and a select of the outputs that fit, so a graph can be wired with the
 * keyboard alone (the same checks as a wire drawn with the mouse).
 */
export function PortWires({ nodeId, ports }: { nodeId: string; ports: PortDef[] }) {
  // Edges and analysis, not the graph: dragging a node must not recompute what fits.
  const edges = useEditor((s) => s.graph.edges);
  const analysis = useEditor((s) => s.analysis);
  const edit = useEditor((s) => s.edit);
  const notify = useEditor((s) => s.notify);
  const sources = useMemo(() => {
    const out: { node: string; port: string; type: string | null }[] = [];
    for (const [id, entry] of analysis.nodes) {
      if (id === nodeId || !entry.spec) continue;
      for (const p of entry.spec.outputs(entry.params)) out.push({ node: id, port: p.name, type: entry.outputs[p.name] ? formatType(entry.outputs[p.name]) : null });
    }
    return out;
  }, [analysis, nodeId]);
  const fittingByPort = useMemo(() => {
    const graph = { ...useEditor.getState().graph, edges };
    return new Map(ports.map((port) => [port.name, sources.filter((s) => canTake(graph, analysis, { source: s.node, sourceHandle: s.port, target: nodeId, targetHandle: port.name }))]));
  }, [edges, analysis, sources, ports, nodeId]);
  if (ports.length === 0) return null;
  const graph = { ...useEditor.getState().graph, edges };
  return (
    <section className="sw-port-wires" aria-label={`wires into ${nodeId}`}>
      <h4>Inputs</h4>
      {ports.map((port) => {
        const wired = graph.edges.filter((e) => e.target === nodeId && e.targetHandle === port.name);
        const fitting = fittingByPort.get(port.name) ?? [];
        const canAdd = wired.length === 0 || port.multiple;
        return (
          <div key={port.name} className="sw-port-wire">
            <span className={`sw-port-wire-name ${port.state ? 'is-state' : ''}`}>{port.name}{port.optional ? '?' : ''}</span>
            <div className="sw-port-wire-sources">
              {wired.map((e) => (
                <span key={e.id} className="sw-chip">
                  {e.source}.{e.sourceHandle}
                  <button type="button" className="sw-icon-button" aria-label={`remove the wire from ${e.source}.${e.sourceHandle} into ${port.name}`}
                    onClick={() => edit({ kind: 'remove', edgeIds: [e.id] })}>✕</button>
                </span>
              ))}
              {canAdd ? (
                <select aria-label={`wire into ${port.name} of ${nodeId}`} value="" disabled={fitting.length === 0}
                  onChange={(e) => {
                    const [source, sourceHandle] = e.target.value.split('\u0000');
                    if (!source) return;
                    const result = checkWire(graph, analysis, { source, sourceHandle, target: nodeId, targetHandle: port.name });
                    if (result.ok) edit({ kind: 'connect', edge: result.edge });
                    else notify({ kind: 'error', text: `Wire refused: ${result.reason}` });
                  }}>
                  <option value="">{fitting.length ? 'connect from…' : 'nothing fits'}</option>
                  {fitting.map((s) => <option key={`${s.node}.${s.port}`} value={`${s.node}\u0000${s.port}`}>{s.node}.{s.port}{s.type ? ` ${s.type}` : ''}</option>)}
                </select>
              ) : null}
            </div>
          </div>
        );
      })}
    </section>
  );
}
