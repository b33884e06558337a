import { applyEdit, nextEdgeId, type GraphEdit } from '../../core/graph/edits';
import type { Graph, GraphEdge } from '../../core/graph/schema';
import { analyzeGraph, type GraphAnalysis } from '../../core/validate/analyze';
import { fixFor, type Fix } from '../../core/validate/fixes';
import { canTake, checkWire, type WireEnds } from '../../core/validate/connect';

/**
 * Dropping a wire on an input that takes one wire and already has one
 * replaces that wire: the checks are asked about the graph without it, and
 * the edit removes the old wire and adds the new one as one undo step.
 */

/** The wire already on a one-wire input, which a new wire there would replace. */
export function occupant(graph: Graph, analysis: GraphAnalysis, w: WireEnds): GraphEdge | null {
  const entry = analysis.nodes.get(w.target);
  const port = entry?.spec?.inputs(entry.params).find((p) => p.name === w.targetHandle);
  if (!port || port.multiple) return null;
  const existing = graph.edges.find((e) => e.target === w.target && e.targetHandle === w.targetHandle);
  if (!existing || (existing.source === w.source && existing.sourceHandle === w.sourceHandle)) return null;
  return existing;
}

/**
 * The analysis as if `edge` were gone, for the quick checks while a wire is
 * drawn: only the target's incoming wires change, so the rest is shared.
 */
function analysisWithout(analysis: GraphAnalysis, edge: GraphEdge): GraphAnalysis {
  const entry = analysis.nodes.get(edge.target);
  if (!entry) return analysis;
  const incoming = { ...entry.incoming, [edge.targetHandle]: (entry.incoming[edge.targetHandle] ?? []).filter((e) => e.id !== edge.id) };
  const nodes = new Map(analysis.nodes);
  nodes.set(edge.target, { ...entry, incoming });
  return { ...analysis, nodes };
}

/** Whether the port can take the wire, replacing the one there if need be (lights ports while a wire is drawn). */
export function canTakeOrReplace(graph: Graph, analysis: GraphAnalysis, w: WireEnds): boolean {
  const old = occupant(graph, analysis, w);
  if (!old) return canTake(graph, analysis, w);
  const without = { ...graph, edges: graph.edges.filter((e) => e.id !== old.id) };
  return canTake(without, analysisWithout(analysis, old), w);
}

export type WireDrop =
  | { ok: true; edit: GraphEdit; replaced: GraphEdge | null; edge: GraphEdge }
  | { ok: false; reason: string; replaced: GraphEdge | null; graph: Graph; analysis: GraphAnalysis };

/** The final word on a dropped wire: the edit that makes it (replacing the wire there), or why not, said about the graph it was checked on. */
export function dropWire(graph: Graph, analysis: GraphAnalysis, w: WireEnds): WireDrop {
  const old = occupant(graph, analysis, w);
  const base = old ? applyEdit(graph, { kind: 'remove', edgeIds: [old.id] }) : graph;
  const baseAnalysis = old ? analyzeGraph(base) : analysis;
  const result = checkWire(base, baseAnalysis, w);
  if (!result.ok) return { ok: false, reason: result.reason, replaced: old, graph: base, analysis: baseAnalysis };
  const edit: GraphEdit = old
    ? { kind: 'batch', edits: [{ kind: 'remove', edgeIds: [old.id] }, { kind: 'connect', edge: result.edge }] }
    : { kind: 'connect', edge: result.edge };
  return { ok: true, edit, replaced: old, edge: result.edge };
}

/**
 * A refused wire whose reason names a fix (turn on returnSequences on the
 * node it comes from, put an Embedding between): the fix and the wire as one
 * edit, offered beside the refusal. `null` when the fix would not make the
 * wire fit.
 */
export function fixedWire(refused: Extract<WireDrop, { ok: false }>, w: WireEnds): Fix | null {
  const edge: GraphEdge = { id: nextEdgeId(refused.graph), ...w };
  const wired = applyEdit(refused.graph, { kind: 'connect', edge });
  const d = analyzeGraph(wired).diagnostics.find((x) => x.nodeId === w.target && x.port === w.targetHandle && x.fix);
  const fix = d ? fixFor(wired, d) : null;
  if (!fix) return null;
  const after = analyzeGraph(applyEdit(wired, fix.edit));
  if (after.diagnostics.some((x) => x.severity === 'error' && x.nodeId === w.target && x.port === w.targetHandle)) return null;
  const edits: GraphEdit[] = [
    ...(refused.replaced ? [{ kind: 'remove' as const, edgeIds: [refused.replaced.id] }] : []),
    { kind: 'connect', edge },
    fix.edit,
  ];
  return { label: `${fix.label} and wire`, edit: { kind: 'batch', edits } };
}
