import { trainingProblems, type Graph, type GraphEdge, type GraphNode } from '../graph/schema';
import { getNodeSpec, hasRole, NODE_SPECS } from '../nodes/registry';
import { resolveParams } from '../nodes/params';
import type { AnyNodeSpec, PortDef, PortTypes } from '../nodes/spec';
import type { TensorType } from '../shapes/tensor-type';
import type { Diagnostic, DiagnosticCode } from './codes';
import { checkFeedback } from './feedback';
import { findCycles } from './cycles';
import { quote } from '../quote';
import { suggestion } from './suggest';

/** What Seqwire knows about one node after analysis. */
export interface NodeAnalysis {
  node: GraphNode;
  spec?: AnyNodeSpec;
  /** Params with defaults filled in (only those that were valid). */
  params: Record<string, unknown>;
  /** The edges arriving on each input port, in file order. */
  incoming: Record<string, GraphEdge[]>;
  /** The types arriving on each connected input port. */
  inputs: PortTypes;
  /** The type of every output port; empty when the node has an error or an upstream node does. */
  outputs: Record<string, TensorType>;
  usedOutputs: Set<string>;
  /** Trainable parameters (0 until the node's shapes are known). */
  paramCount: number;
  /** True when this node's params and shapes are fine (upstream errors aside). */
  ok: boolean;
}

/** The result of `analyzeGraph`: every diagnostic, and every node's types in topological order. */
export interface GraphAnalysis {
  diagnostics: Diagnostic[];
  valid: boolean;
  /** Node ids in topological order (nodes on a cycle come last). */
  order: string[];
  nodes: Map<string, NodeAnalysis>;
  totalParams: number;
}


/**
 * Checks a graph and infers the type on every port. Never throws on a user
 * mistake: each one becomes a diagnostic on the node (and port) where it is.
 * Linear in nodes and edges, so the canvas runs it on every edit.
 */
export function analyzeGraph(graph: Graph): GraphAnalysis {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, nodeId, message, port, severity = 'error') =>
    diagnostics.push(port === undefined ? { code, nodeId, message, severity } : { code, nodeId, port, message, severity });
  const pass: Pass = { report, diagnostics, nodes: new Map(), inputPorts: new Map(), outputPorts: new Map(), outgoing: new Map() };
  resolveNodes(graph, pass);
  wireEdges(graph, pass);
  checkPortCounts(pass);
  const { order, cycles } = findCycles([...pass.nodes.keys()], pass.outgoing);
  markCycles(cycles, pass);
  const totalParams = inferTypes(order, pass);
  checkGraphWide(graph, pass);
  warnUnused(pass.nodes, pass.outgoing, report);
  for (const problem of trainingProblems(graph.training)) report('invalid-training', '', problem.message);
  return { diagnostics, valid: !diagnostics.some((d) => d.severity === 'error'), order, nodes: pass.nodes, totalParams };
}

type Report = (code: DiagnosticCode, nodeId: string, message: string, port?: string, severity?: 'error' | 'warning') => void;

/** What the phases of one analysis share. */
interface Pass {
  report: Report;
  /** What `report` has written, for a phase that adds to the last diagnostic (a shape rule's fix). */
  diagnostics: Diagnostic[];
  nodes: Map<string, NodeAnalysis>;
  inputPorts: Map<string, PortDef[]>;
  outputPorts: Map<string, PortDef[]>;
  /** The targets of each node's edges, for the topological order. */
  outgoing: Map<string, string[]>;
}

/** Each node: its spec and params resolved (unknown types and bad params reported), its ports listed. */
function resolveNodes(graph: Graph, { report, nodes, inputPorts, outputPorts }: Pass): void {
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      report('duplicate-node-id', node.id, `the id ${quote(node.id)} is used by more than one node`);
      continue;
    }
    const spec = getNodeSpec(node.type);
    const entry: NodeAnalysis = { node, spec, params: {}, incoming: {}, inputs: {}, outputs: {}, usedOutputs: new Set(), paramCount: 0, ok: !!spec };
    nodes.set(node.id, entry);
    if (!spec) {
      const known = NODE_SPECS.map((s) => s.type);
      report('unknown-node-type', node.id, `unknown node type ${quote(node.type)}${suggestion(node.type, known)} (known: ${known.join(', ')})`);
      continue;
    }
    const { values, issues } = resolveParams(spec.params, node.params);
    entry.params = values;
    for (const issue of issues) report(issue.code, node.id, issue.message);
    if (issues.length) entry.ok = false;
    inputPorts.set(node.id, spec.inputs(values));
    outputPorts.set(node.id, spec.outputs(values));
  }
}

/** Each edge that joins two known ports is recorded on both ends; the others are reported. */
function wireEdges(graph: Graph, { report, nodes, inputPorts, outputPorts, outgoing }: Pass): void {
  const edgeIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id)) report('duplicate-edge-id', edge.target, `the edge id ${quote(edge.id)} is used more than once`, undefined, 'warning');
    edgeIds.add(edge.id);
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      const on = source ? edge.source : target ? edge.target : '';
      report('missing-node', on, `edge ${quote(edge.id)} ${!source ? 'comes from' : 'goes to'} ${quote(missing)}, which is not a node of this graph`, source ? undefined : edge.targetHandle);
      continue;
    }
    if (edge.source === edge.target) {
      report('self-loop', edge.source, `edge ${quote(edge.id)} goes from ${quote(edge.source)} into itself; recurrence lives inside the recurrent nodes (or use feedback)`, edge.targetHandle);
      continue;
    }
    if (!source.spec || !target.spec) continue;
    const outs = outputPorts.get(edge.source) ?? [];
    if (!outs.some((p) => p.name === edge.sourceHandle)) {
      report('unknown-port', edge.source, `edge ${quote(edge.id)} leaves from port ${quote(edge.sourceHandle)}, which ${quote(source.node.type)} does not have (${portList(outs, 'output')})`, edge.sourceHandle);
      continue;
    }
    const ins = inputPorts.get(edge.target) ?? [];
    if (!ins.some((p) => p.name === edge.targetHandle)) {
      report('unknown-port', edge.target, `edge ${quote(edge.id)} arrives at port ${quote(edge.targetHandle)}, which ${quote(target.node.type)} does not have (${portList(ins, 'input')})`, edge.targetHandle);
      continue;
    }
    (target.incoming[edge.targetHandle] ??= []).push(edge);
    source.usedOutputs.add(edge.sourceHandle);
    const list = outgoing.get(edge.source) ?? [];
    list.push(edge.target);
    outgoing.set(edge.source, list);
  }
}

/** Every input port has as many edges as it takes. */
function checkPortCounts({ report, nodes, inputPorts }: Pass): void {
  for (const [id, entry] of nodes) {
    for (const port of inputPorts.get(id) ?? []) {
      const count = entry.incoming[port.name]?.length ?? 0;
      if (count === 0 && !port.optional) {
        report('missing-input', id, `input "${port.name}" is not connected`, port.name);
        entry.ok = false;
      } else if (count > 1 && !port.multiple) {
        report('too-many-edges', id, `input "${port.name}" takes one edge, found ${count}`, port.name);
        entry.ok = false;
      } else if (count === 1 && port.multiple) {
        report('too-few-inputs', id, `input "${port.name}" joins two or more edges, found 1`, port.name);
        entry.ok = false;
      }
    }
  }
}

/** Every node on a loop gets the loop named. */
function markCycles(cycles: string[][], { report, nodes }: Pass): void {
  for (const cycle of cycles) {
    const path = [...cycle, cycle[0]].map((id) => `${quote(id)}`).join(' → ');
    for (const id of cycle) {
      report('cycle', id, `the edges form a loop: ${path}; a graph must be acyclic (recurrence lives inside the recurrent nodes)`);
      nodes.get(id)!.ok = false;
    }
  }
}

/** Types flow in topological order through each node's shape rule; gives the total parameter count. */
function inferTypes(order: string[], { report, diagnostics, nodes }: Pass): number {
  let totalParams = 0;
  for (const id of order) {
    const entry = nodes.get(id)!;
    if (!entry.spec || !entry.ok) continue;
    const inputs: PortTypes = {};
    let ready = true;
    for (const [port, edges] of Object.entries(entry.incoming)) {
      const types: TensorType[] = [];
      for (const edge of edges) {
        const type = nodes.get(edge.source)?.outputs[edge.sourceHandle];
        if (type) types.push(type);
        else ready = false;
      }
      inputs[port] = types;
    }
    entry.inputs = inputs;
    // A node fed by a broken node says nothing more: the error is upstream.
    if (!ready) continue;
    const result = entry.spec.infer({ params: entry.params, inputs, usedOutputs: entry.usedOutputs });
    if (!result.ok) {
      entry.ok = false;
      for (const issue of result.issues) {
        report(issue.code, id, issue.message, issue.port);
        if (issue.fix) diagnostics[diagnostics.length - 1].fix = issue.fix;
      }
      continue;
    }
    entry.outputs = result.outputs;
    entry.paramCount = entry.spec.paramCount(entry.params, inputs);
    totalParams += entry.paramCount;
  }
  return totalParams;
}

/** What the graph as a whole needs: an Output, an input, feedback that names a fitting Output. */
function checkGraphWide(graph: Graph, { report, nodes }: Pass): void {
  const outputs = graph.nodes.filter((n) => hasRole(n.type, 'head'));
  if (outputs.length === 0) {
    const marked = graph.nodes.some((n) => hasRole(n.type, 'marker'));
    report(
      'no-output',
      '',
      marked
        ? 'the graph has no Output head, only ModelOutputs (what a model gives without a loss): join it with the model that reads them (seqwire join), or add an Output head so it has something to learn'
        : 'the graph has no Output node: add a decoder head so the model has something to learn',
    );
  }
  if (!graph.nodes.some((n) => hasRole(n.type, 'input'))) report('no-input', '', 'the graph has no input node');
  for (const entry of nodes.values()) {
    const feedback = entry.params.feedback;
    if (typeof feedback !== 'string') continue;
    const problem = checkFeedback(entry, nodes.get(feedback), feedback);
    if (problem) report('invalid-feedback', entry.node.id, problem);
  }
}

function portList(ports: PortDef[], kind: string): string {
  return ports.length ? `its ${kind} ports: ${ports.map((p) => p.name).join(', ')}` : `it has no ${kind} ports`;
}

/** Nodes that lead to no Output do nothing in the model: worth a warning, not an error. */
function warnUnused(nodes: Map<string, NodeAnalysis>, outgoing: Map<string, string[]>, report: Report) {
  const incomingOf = new Map<string, string[]>();
  for (const [source, targets] of outgoing) for (const t of targets) incomingOf.set(t, [...(incomingOf.get(t) ?? []), source]);
  const useful = new Set<string>();
  // A ModelOutput marks what the model gives, so what leads to it is not unused either.
  const stack = [...nodes.values()].filter((n) => n.spec?.role === 'head' || n.spec?.role === 'marker').map((n) => n.node.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (useful.has(id)) continue;
    useful.add(id);
    stack.push(...(incomingOf.get(id) ?? []));
  }
  if (useful.size === 0) return;
  for (const [id, entry] of nodes) {
    if (!useful.has(id) && entry.spec) report('unused-node', id, `${quote(id)} does not lead to any Output, so it does nothing in the model`, undefined, 'warning');
  }
}
