import { nextEdgeId } from '../graph/edits';
import type { Graph, GraphEdge } from '../graph/schema';
import type { PortDef, PortTypes } from '../nodes/spec';
import type { TensorType } from '../shapes/tensor-type';
import { analyzeGraph, type GraphAnalysis } from './analyze';
import type { Diagnostic, DiagnosticCode } from './codes';

/**
 * The wire checks: can this output feed that input, and why not. The canvas,
 * the inspector's port lists and the quick-add menu only ask; every refusal is
 * a diagnostic on the target node with a code from the one table.
 */

/** A wire being drawn: from an output port to an input port. */
export interface WireEnds {
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
}

/** A wire accepted, with the edge to add; or refused, with the diagnostic and the sentence to show. */
export type WireCheck = { ok: true; edge: GraphEdge } | { ok: false; diagnostic: Diagnostic; reason: string };

/** Codes that mean "this wire does not fit"; others (a Concatenate with one input so far) are the graph still being built. */
const REFUSING_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['shape-mismatch', 'state-with-bidirectional', 'self-loop', 'cycle', 'too-many-edges', 'unknown-port']);

const refusal = (w: WireEnds, code: DiagnosticCode, message: string): Diagnostic => ({ code, nodeId: w.target, port: w.targetHandle, message, severity: 'error' });

/**
 * The quick checks that need no analysis: the port exists, is free (or takes
 * many), the wire is not there already, and it makes no loop. Cheap enough to
 * run for every port of a 300-node graph when a drag starts.
 */
export function structuralProblem(graph: Graph, analysis: GraphAnalysis, w: WireEnds): Diagnostic | null {
  if (w.source === w.target) return refusal(w, 'self-loop', 'a node cannot feed itself; recurrence lives inside the recurrent nodes (or use feedback)');
  const target = analysis.nodes.get(w.target);
  const port = targetPorts(analysis, w.target).find((p) => p.name === w.targetHandle);
  if (!target || !port) return refusal(w, 'unknown-port', `${w.target} has no input "${w.targetHandle}"`);
  const existing = wiresInto(graph.edges, w.target, w.targetHandle);
  if (existing.some((e) => e.source === w.source && e.sourceHandle === w.sourceHandle)) return refusal(w, 'duplicate-wire', 'these ports are already wired');
  if (existing.length > 0 && !port.multiple) {
    return refusal(w, 'too-many-edges', `"${w.targetHandle}" of ${w.target} takes one wire and already has one from ${existing[0].source}; delete that wire first`);
  }
  const loop = reachableFrom(graph.edges, w.target).has(w.source) ? pathBetween(graph.edges, w.target, w.source) : null;
  if (loop) return refusal(w, 'cycle', `this wire would make a loop (${[...loop, w.target].join(' → ')}); recurrence lives inside the recurrent nodes, or use feedback`);
  return null;
}

/**
 * The shape check of one wire, done locally: the target's shape rule is run
 * with the new type added to the port. Gives `null` when it fits or when it
 * cannot be known yet (other inputs unwired, an upstream error).
 */
export function shapeProblem(analysis: GraphAnalysis, w: WireEnds): Diagnostic | null {
  const source = analysis.nodes.get(w.source);
  const target = analysis.nodes.get(w.target);
  const type: TensorType | undefined = source?.outputs[w.sourceHandle];
  if (!type || !target?.spec) return null;
  const inputs: PortTypes = {};
  for (const [port, edges] of Object.entries(target.incoming)) {
    const types: TensorType[] = [];
    for (const edge of edges) {
      const t = analysis.nodes.get(edge.source)?.outputs[edge.sourceHandle];
      if (!t) return null;
      types.push(t);
    }
    inputs[port] = types;
  }
  inputs[w.targetHandle] = [...(inputs[w.targetHandle] ?? []), type];
  for (const port of targetPorts(analysis, w.target)) {
    const n = inputs[port.name]?.length ?? 0;
    if ((!port.optional && n === 0) || (port.multiple && n === 1)) return null;
  }
  const used = target.usedOutputs;
  const result = target.spec.infer({ params: target.params, inputs, usedOutputs: used });
  if (result.ok) return null;
  const issue = result.issues.find((i) => i.port === w.targetHandle) ?? result.issues[0];
  return { code: issue.code, nodeId: w.target, port: issue.port ?? w.targetHandle, message: issue.message, severity: 'error' };
}

/** Whether a port can take the wire, for lighting up targets while a drag is in progress. */
export function canTake(graph: Graph, analysis: GraphAnalysis, w: WireEnds): boolean {
  return structuralProblem(graph, analysis, w) === null && shapeProblem(analysis, w) === null;
}

/**
 * The final word on a wire: the quick checks, then the whole graph analysed
 * with the wire added; a new refusing diagnostic on the target is the reason.
 */
export function checkWire(graph: Graph, analysis: GraphAnalysis, w: WireEnds): WireCheck {
  const structural = structuralProblem(graph, analysis, w);
  // The structural sentences name the nodes themselves.
  if (structural) return { ok: false, diagnostic: structural, reason: structural.message };
  const edge: GraphEdge = { id: nextEdgeId(graph), ...w };
  const after = analyzeGraph({ ...graph, edges: [...graph.edges, edge] });
  const before = new Set(analysis.diagnostics.map((d) => `${d.nodeId}|${d.code}|${d.message}`));
  const fresh = after.diagnostics.find(
    (d) => d.severity === 'error' && REFUSING_CODES.has(d.code) && !before.has(`${d.nodeId}|${d.code}|${d.message}`) && (d.nodeId === w.target || d.code === 'cycle'),
  );
  if (fresh) return { ok: false, diagnostic: fresh, reason: `${fresh.nodeId}: ${fresh.message}` };
  return { ok: true, edge };
}

/** The input ports of a node, kept per analysis entry: the inspector asks for them for every output of the graph after each edit. */
const portsOf = new WeakMap<object, PortDef[]>();
function targetPorts(analysis: GraphAnalysis, id: string): PortDef[] {
  const entry = analysis.nodes.get(id);
  if (!entry?.spec) return [];
  let ports = portsOf.get(entry);
  if (!ports) portsOf.set(entry, (ports = entry.spec.inputs(entry.params)));
  return ports;
}

/** The wires into one port, indexed once per edges array (as `reachableFrom` is) instead of a scan of every wire per question. */
const incoming = new WeakMap<readonly GraphEdge[], Map<string, GraphEdge[]>>();
function wiresInto(edges: readonly GraphEdge[], target: string, port: string): GraphEdge[] {
  let byPort = incoming.get(edges);
  if (!byPort) {
    byPort = new Map();
    for (const e of edges) {
      const key = `${e.target}\u0000${e.targetHandle}`;
      const list = byPort.get(key);
      if (list) list.push(e);
      else byPort.set(key, [e]);
    }
    incoming.set(edges, byPort);
  }
  return byPort.get(`${target}\u0000${port}`) ?? [];
}

/**
 * Every node downstream of `from`, cached per edges array: lighting the ports
 * of a 300-node graph asks this for one node hundreds of times, and the edges
 * array stays the same object until a wire changes.
 */
const reachCache = new WeakMap<readonly GraphEdge[], Map<string, Set<string>>>();
const adjacency = new WeakMap<readonly GraphEdge[], Map<string, string[]>>();
function successors(edges: readonly GraphEdge[]): Map<string, string[]> {
  let next = adjacency.get(edges);
  if (!next) {
    next = new Map<string, string[]>();
    for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    adjacency.set(edges, next);
  }
  return next;
}

function reachableFrom(edges: readonly GraphEdge[], from: string): Set<string> {
  let byNode = reachCache.get(edges);
  if (!byNode) reachCache.set(edges, (byNode = new Map()));
  const cached = byNode.get(from);
  if (cached) return cached;
  const next = successors(edges);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  byNode.set(from, seen);
  return seen;
}

/** A path of node ids from `from` to `to` along the edges, or `null`. */
function pathBetween(edges: readonly GraphEdge[], from: string, to: string): string[] | null {
  const next = successors(edges);
  const parent = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const id = queue.shift()!;
    if (id === to) {
      const path = [id];
      while (path[0] !== from) path.unshift(parent.get(path[0])!);
      return path;
    }
    for (const n of next.get(id) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        parent.set(n, id);
        queue.push(n);
      }
    }
  }
  return null;
}
