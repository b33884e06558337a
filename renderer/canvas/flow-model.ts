import type { Edge, Node } from '@xyflow/react';
import type { Graph, GraphNode } from '../../core/graph/schema';
import type { NodeCategory } from '../../core/nodes/spec';
import { formatType } from '../../core/shapes/tensor-type';
import type { Diagnostic } from '../../core/validate/codes';
import type { GraphAnalysis } from '../../core/validate/analyze';

/** One port as a node draws it. */
export interface PortView {
  name: string;
  state: boolean;
  optional: boolean;
  multiple: boolean;
  /** The shape on the port (`[T, 64]`), when known. */
  type: string | null;
}

/** Everything the generic node component draws, as plain data that compares by value. */
export interface NodeView {
  id: string;
  type: string;
  /** The display name the user gave the node, if any. */
  label: string | null;
  category: NodeCategory | null;
  summary: string;
  inputs: PortView[];
  outputs: PortView[];
  errors: string[];
  warnings: string[];
  paramCount: number;
  /** Nothing computes here because a node feeding it has an error. */
  waiting: boolean;
  /** The end of a feedback loop this node is: `out` on the Output sampled, `in` on the input it feeds. */
  feedback: 'in' | 'out' | null;
}

export type SpecFlowNode = Node<{ view: NodeView }, 'spec'>;
/** A wire of the graph (`shape`), or the loop a `feedback` param declares (`feedback`), drawn but not an edge of the file. */
export type ShapeFlowEdge = Edge<{ label: string | null; broken: boolean }, 'shape' | 'feedback'>;

/** A feedback loop as the canvas draws it: from the Output sampled back to the input it feeds. */
export interface FeedbackLoop {
  output: string;
  input: string;
}

/** The loops the graph's `feedback` params declare, where both ends exist. */
export function feedbackLoops(graph: Graph): FeedbackLoop[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  return graph.nodes.flatMap((n) => {
    const to = n.params?.feedback;
    return typeof to === 'string' && ids.has(to) ? [{ output: to, input: n.id }] : [];
  });
}

export function nodeView(node: GraphNode, analysis: GraphAnalysis, diagnostics: Diagnostic[], loops: readonly FeedbackLoop[] = []): NodeView {
  const entry = analysis.nodes.get(node.id);
  const spec = entry?.spec;
  let summary = '';
  let inputs: PortView[] = [];
  let outputs: PortView[] = [];
  if (spec && entry) {
    try {
      // Params may be half-valid while the user types; the summary is decoration, never a crash.
      summary = spec.summary({ ...entry.params });
      inputs = spec.inputs(entry.params).map((p) => ({
        name: p.name, state: !!p.state, optional: !!p.optional, multiple: !!p.multiple,
        type: entry.inputs[p.name]?.length ? entry.inputs[p.name].map(formatType).join(' + ') : null,
      }));
      outputs = spec.outputs(entry.params).map((p) => ({
        name: p.name, state: !!p.state, optional: false, multiple: false,
        type: entry.outputs[p.name] ? formatType(entry.outputs[p.name]) : null,
      }));
    } catch {
      summary = '';
    }
  }
  // The port is named unless the message already names it.
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => (d.port && !d.message.includes(`"${d.port}"`) ? `${d.port}: ${d.message}` : d.message));
  const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
  const waiting = !!spec && errors.length === 0 && outputs.length > 0 && outputs.every((p) => p.type === null);
  return {
    id: node.id, type: node.type, label: node.label?.trim() || null, category: spec?.category ?? null, summary, inputs, outputs, errors, warnings,
    paramCount: entry?.paramCount ?? 0, waiting,
    feedback: loops.some((l) => l.input === node.id) ? 'in' : loops.some((l) => l.output === node.id) ? 'out' : null,
  };
}

/**
 * Keeps node objects stable across edits: a node whose view, position,
 * selection and size did not change is the same object as before, so React
 * Flow and `memo` skip it. That is what keeps 300 nodes smooth.
 */
export class FlowModel {
  private views = new Map<string, { key: string; view: NodeView; params: GraphNode['params']; type: string; label: string | undefined }>();
  private lastAnalysis: GraphAnalysis | null = null;
  private paramIds = new WeakMap<object, number>();
  private nodes = new Map<string, SpecFlowNode>();
  private edges = new Map<string, ShapeFlowEdge>();
  readonly measured = new Map<string, { width: number; height: number }>();

  buildNodes(graph: Graph, analysis: GraphAnalysis, selected: ReadonlySet<string>, loops: readonly FeedbackLoop[] = []): SpecFlowNode[] {
    const byNode = new Map<string, Diagnostic[]>();
    for (const d of analysis.diagnostics) if (d.nodeId) byNode.set(d.nodeId, [...(byNode.get(d.nodeId) ?? []), d]);
    const out: SpecFlowNode[] = [];
    const alive = new Set<string>();
    const sameAnalysis = analysis === this.lastAnalysis;
    this.lastAnalysis = analysis;
    graph.nodes.forEach((node, i) => {
      alive.add(node.id);
      const cachedView = this.views.get(node.id);
      let view: NodeView;
      if (sameAnalysis && cachedView && cachedView.params === node.params && cachedView.type === node.type && cachedView.label === node.label) {
        // Moved or reselected only: what the node shows is unchanged, skip rebuilding its view.
        view = cachedView.view;
      } else {
        // A cheap fingerprint of everything the view is made from; only a node whose fingerprint changed is rebuilt.
        const diagnostics = byNode.get(node.id) ?? [];
        const ends = loops.filter((l) => l.input === node.id || l.output === node.id);
        const key = fingerprint(node, analysis, diagnostics, this.paramIds) + ends.map((l) => `|loop:${l.output}>${l.input}`).join('');
        if (cachedView?.key === key) {
          view = cachedView.view;
        } else {
          view = nodeView(node, analysis, diagnostics, ends);
        }
        this.views.set(node.id, { key, view, params: node.params, type: node.type, label: node.label });
      }
      const position = node.position ?? { x: (i % 6) * 260, y: Math.floor(i / 6) * 180 };
      const isSelected = selected.has(node.id);
      const measured = this.measured.get(node.id);
      const prev = this.nodes.get(node.id);
      if (prev && prev.data.view === view && prev.position.x === position.x && prev.position.y === position.y && prev.selected === isSelected && prev.measured === measured) {
        out.push(prev);
        return;
      }
      const next: SpecFlowNode = { id: node.id, type: 'spec', position, data: { view }, selected: isSelected, measured, ariaLabel: `${node.type} node ${node.id}${node.label ? ` (${node.label})` : ''}` };
      this.nodes.set(node.id, next);
      out.push(next);
    });
    for (const id of [...this.nodes.keys()]) if (!alive.has(id)) { this.nodes.delete(id); this.views.delete(id); this.measured.delete(id); }
    return out;
  }

  buildEdges(graphEdges: Graph['edges'], analysis: GraphAnalysis, selected: ReadonlySet<string>, loops: readonly FeedbackLoop[] = []): ShapeFlowEdge[] {
    const alive = new Set<string>();
    const brokenPorts = new Set(analysis.diagnostics.filter((d) => d.severity === 'error' && d.port).map((d) => `${d.nodeId}|${d.port}`));
    const out = graphEdges.map((e) => {
      alive.add(e.id);
      const type = analysis.nodes.get(e.source)?.outputs[e.sourceHandle];
      const label = type ? formatType(type) : null;
      const target = analysis.nodes.get(e.target);
      const broken = !target || brokenPorts.has(`${e.target}|${e.targetHandle}`);
      const isSelected = selected.has(e.id);
      const prev = this.edges.get(e.id);
      if (prev && prev.source === e.source && prev.target === e.target && prev.sourceHandle === e.sourceHandle && prev.targetHandle === e.targetHandle && prev.data?.label === label && prev.data?.broken === broken && prev.selected === isSelected) return prev;
      const next: ShapeFlowEdge = {
        id: e.id, type: 'shape', source: e.source, target: e.target, sourceHandle: e.sourceHandle, targetHandle: e.targetHandle,
        data: { label, broken }, selected: isSelected, ariaLabel: `wire ${e.source}.${e.sourceHandle} to ${e.target}.${e.targetHandle}${label ? `, shape ${label}` : ''}`,
      };
      this.edges.set(e.id, next);
      return next;
    });
    for (const loop of loops) {
      const id = `feedback:${loop.output}>${loop.input}`;
      alive.add(id);
      let edge = this.edges.get(id);
      if (!edge) {
        edge = {
          id, type: 'feedback', source: loop.output, target: loop.input, sourceHandle: 'feedback', targetHandle: 'feedback',
          data: { label: 'fed back', broken: false }, selectable: false, deletable: false, focusable: false,
          ariaLabel: `feedback loop: each sample of ${loop.output} feeds ${loop.input} at the next step`,
        };
        this.edges.set(id, edge);
      }
      out.push(edge);
    }
    for (const id of [...this.edges.keys()]) if (!alive.has(id)) this.edges.delete(id);
    return out;
  }
}

let nextParamId = 1;

/** What a node's view depends on, as one string: its params (by identity), the types around it, its diagnostics, its size. */
function fingerprint(node: GraphNode, analysis: GraphAnalysis, diagnostics: Diagnostic[], ids: WeakMap<object, number>): string {
  const entry = analysis.nodes.get(node.id);
  let params = 0;
  if (node.params) {
    params = ids.get(node.params) ?? 0;
    if (!params) ids.set(node.params, (params = nextParamId++));
  }
  let key = `${node.type}|${node.label ?? ''}|${params}|${entry?.paramCount ?? -1}|`;
  if (entry) {
    for (const port in entry.outputs) key += `${port}=${formatType(entry.outputs[port])};`;
    key += '|';
    for (const port in entry.inputs) key += `${port}=${entry.inputs[port].map(formatType).join('+')};`;
  }
  for (const d of diagnostics) key += `|${d.severity}:${d.port ?? ''}:${d.message}`;
  return key;
}
