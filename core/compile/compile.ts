import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../graph/schema';
import { headWidth, Output } from '../nodes/output';
import { paramsOf } from '../nodes/spec';
import type { Diagnostic } from '../validate/codes';
import { analyzeGraph, type GraphAnalysis } from '../validate/analyze';
import { assertBuiltShapes } from './built-shapes';
import { LayerNames, sanitize } from './layer-names';
import { lossForHead } from './losses';
import type { CompiledInput, CompiledModel, CompiledOutput } from './types';
import { customLayers } from '../nodes/custom-layers';
import { resetFusedRecurrentUse } from '../nodes/fused-rnn';

/** A graph that cannot compile: its error diagnostics, for the caller to show (never a stack trace). */
export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the graph has ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}:\n${diagnostics.map((d) => `${d.nodeId || '(graph)'}: ${d.message}`).join('\n')}`);
    this.name = 'CompileError';
  }
}

/**
 * Builds the tfjs model of a graph with the functional API: one model input
 * per input node that leads to an Output, one model output per Output node,
 * both in the order the nodes appear in the file. Throws `CompileError` when
 * the graph has errors.
 */
export function compileGraph(graph: Graph, analysis: GraphAnalysis = analyzeGraph(graph)): CompiledModel {
  if (!analysis.valid) throw new CompileError(analysis.diagnostics.filter((d) => d.severity === 'error'));
  // Seqwire's layers and fixes, registered so that the model also saves and reloads.
  customLayers();
  // The record of which recurrent layers ran fused starts afresh with each model.
  resetFusedRecurrentUse();
  const needed = nodesLeadingToOutputs(analysis);
  const names = new LayerNames();
  const built = new Map<string, Record<string, tf.SymbolicTensor>>();
  const layersByNode = new Map<string, string[]>();
  const layerName = (id: string, suffix?: string) => {
    const name = names.take(id, suffix);
    layersByNode.set(id, [...(layersByNode.get(id) ?? []), name]);
    return name;
  };
  for (const id of analysis.order) {
    if (!needed.has(id)) continue;
    const entry = analysis.nodes.get(id)!;
    const inputs: Record<string, tf.SymbolicTensor[]> = {};
    for (const [port, edges] of Object.entries(entry.incoming)) {
      inputs[port] = edges.map((edge) => {
        const tensor = built.get(edge.source)?.[edge.sourceHandle];
        if (!tensor) throw new Error(`compile: ${edge.source}.${edge.sourceHandle} was not built before ${id}.${port}`);
        return tensor;
      });
    }
    const outs = entry.spec!.build({ id, params: entry.params, inputs, inputTypes: entry.inputs, usedOutputs: entry.usedOutputs, layerName: (suffix) => layerName(id, suffix) });
    assertBuiltShapes(id, entry.node.type, entry.outputs, outs);
    built.set(id, outs);
  }

  const inputs: CompiledInput[] = [];
  const outputs: CompiledOutput[] = [];
  for (const node of graph.nodes) {
    const entry = analysis.nodes.get(node.id)!;
    if (entry.spec?.role === 'input' && needed.has(node.id)) {
      const feedback = entry.params.feedback;
      inputs.push({ nodeId: node.id, nodeType: node.type, type: entry.outputs.out, feedback: typeof feedback === 'string' ? feedback : null });
    } else if (entry.spec?.role === 'head') {
      const p = paramsOf(Output, entry.params);
      outputs.push({ nodeId: node.id, head: p.head, units: headWidth(p)!, mixtures: p.mixtures, type: entry.outputs.out, loss: lossForHead(p.head, p.mixtures) });
    }
  }
  const model = tf.model({
    inputs: inputs.map((i) => built.get(i.nodeId)!.out),
    outputs: outputs.map((o) => built.get(o.nodeId)!.out),
    name: sanitize(graph.name || 'seqwire'),
  });
  return { model, inputs, outputs, wires: built, layersByNode };
}

/** Output nodes and everything upstream of them; the rest would build layers no output uses. */
function nodesLeadingToOutputs(analysis: GraphAnalysis): Set<string> {
  const needed = new Set<string>();
  const stack = [...analysis.nodes.values()].filter((n) => n.spec?.role === 'head').map((n) => n.node.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (needed.has(id)) continue;
    needed.add(id);
    for (const edges of Object.values(analysis.nodes.get(id)?.incoming ?? {})) stack.push(...edges.map((e) => e.source));
  }
  return needed;
}
