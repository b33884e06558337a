import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import { getLayerClass } from '../nodes/registry';
import { traceCell, type CellConfig, type CellKind, type CellTrace } from './cell-math';
import { GLIMPSE_CLASS, headsReading, traceGlimpse, type GlimpseProbe } from './glimpse';

/** What to look at: wires as `node.port` (all built wires when absent) and the recurrent nodes to trace (all when absent). */
export interface ProbeRequest {
  wires?: readonly string[];
  nodes?: readonly string[];
}

/** The value on one wire for the probed sample, without the batch dimension; `values` is row-major. */
export interface WireValue {
  wire: string;
  nodeId: string;
  port: string;
  shape: number[];
  values: number[];
}

/** One recurrent layer traced through time: states and gates per input step, `[T][units]` each. */
export interface CellProbe {
  nodeId: string;
  /** The tfjs layer name (a Stack has one per layer, a bidirectional node a forward and a backward one). */
  layer: string;
  cell: CellKind;
  direction: 'forward' | 'backward';
  steps: number;
  units: number;
  h: number[][];
  c?: number[][];
  /** LSTM: i, f, o, g; GRU: z, r, hh. */
  gates: Record<string, number[][]>;
}

/** Attention weights of one sample: one row per query step, summing to 1 over the value steps. */
export interface AttentionProbe {
  nodeId: string;
  weights: number[][];
}

export interface ProbeResult {
  wires: WireValue[];
  cells: CellProbe[];
  attention: AttentionProbe[];
  /** Every Glimpse node: where it looked, and its heads after each glimpse. */
  glimpses: GlimpseProbe[];
  /** What the probe could not show exactly, in words (e.g. a padding mask it did not apply). */
  notes: string[];
}

interface Layerish {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  getWeights(): tf.Tensor[];
  inboundNodes: { inputTensors: tf.SymbolicTensor[] }[];
}
interface BidirectionalLayer extends Layerish {
  forwardLayer: Layerish;
  backwardLayer: Layerish;
}

/**
 * Runs a compiled model on one sample (batch of 1; only the first sample is
 * read when more are given) and reports what flows inside: the value on each
 * wire, every recurrent layer's state and gates at every step (re-running the
 * cell's step math with the layer's own weights, since tfjs cells give only
 * their outputs), and the attention weights of every Attention node. The
 * model's weights are read, never changed.
 */
export function probe(compiled: CompiledModel, inputs: tf.Tensor[], request: ProbeRequest = {}): ProbeResult {
  const wanted = wantedWires(compiled, request.wires);
  const nodes = request.nodes ?? [...compiled.layersByNode.keys()];
  const recurrent: { nodeId: string; layer: Layerish }[] = [];
  const attention: { nodeId: string; layer: Layerish }[] = [];
  const glimpses: { nodeId: string; layer: Layerish }[] = [];
  // Some names a node took never reach the model (a bidirectional wrapper's inner cell, say).
  const byName = new Map(compiled.model.layers.map((l) => [l.name, l as unknown as Layerish]));
  for (const nodeId of nodes) {
    for (const name of compiled.layersByNode.get(nodeId) ?? []) {
      const layer = byName.get(name);
      if (!layer) continue;
      const kind = layer.getClassName();
      // Cells and bidirectional wrappers, as the node types that build them say (`layerClasses`).
      if (getLayerClass(kind)?.recurrent) recurrent.push({ nodeId, layer });
      else if (kind === 'SeqwireDotAttention') attention.push({ nodeId, layer });
      else if (kind === GLIMPSE_CLASS) glimpses.push({ nodeId, layer });
    }
  }

  // One forward pass gives every tensor the probe needs: wires, and the inputs of traced layers.
  const symbolic: tf.SymbolicTensor[] = [];
  const indexOf = (t: tf.SymbolicTensor) => {
    let i = symbolic.indexOf(t);
    if (i < 0) i = symbolic.push(t) - 1;
    return i;
  };
  const wireIdx = wanted.map((w) => indexOf(w.tensor));
  const layerIdx = [...recurrent, ...attention, ...glimpses].map(({ layer }) => layer.inboundNodes[0].inputTensors.map(indexOf));
  const notes: string[] = [];
  const glimpseHeads = glimpses.map(({ nodeId }) => headsReading(compiled, compiled.wires.get(nodeId)?.out));
  // The model's own outputs, so that a head applied after the last glimpse can be checked against them.
  const outputIdx = glimpses.length ? compiled.model.outputs.map(indexOf) : [];
  const values = evaluate(compiled, symbolic, inputs);

  const result: ProbeResult = {
    wires: wanted.map((w, k) => ({ wire: `${w.nodeId}.${w.port}`, nodeId: w.nodeId, port: w.port, ...values[wireIdx[k]] })),
    cells: [],
    attention: [],
    glimpses: [],
    notes,
  };
  recurrent.forEach(({ nodeId, layer }, k) => {
    const [x, ...states] = layerIdx[k].map((i) => values[i]);
    result.cells.push(...traceLayer(nodeId, layer, x, states));
  });
  attention.forEach(({ nodeId }, k) => {
    const [query, vals] = layerIdx[recurrent.length + k].map((i) => values[i]);
    result.attention.push({ nodeId, weights: attentionWeights(query, vals) });
  });
  glimpses.forEach(({ nodeId, layer }, k) => {
    const [image] = layerIdx[recurrent.length + attention.length + k].map((i) => values[i]);
    const heads = glimpseHeads[k];
    if ('note' in heads) notes.push(`${nodeId}: ${heads.note}`);
    const reading = 'note' in heads ? [] : heads.map(({ index, chain }) => ({ nodeId: compiled.outputs[index].nodeId, head: compiled.outputs[index].head, chain, model: values[outputIdx[index]].values }));
    result.glimpses.push(traceGlimpse(nodeId, layer as unknown as Parameters<typeof traceGlimpse>[1], image, reading));
  });
  if (recurrent.length && compiled.model.layers.some((l) => l.getClassName() === 'Embedding' && (l.getConfig() as { maskZero?: boolean }).maskZero)) {
    notes.push('padding masks are not applied by the probe: steps with token 0 are shown as if they were read');
  }
  return result;
}

function wantedWires(compiled: CompiledModel, wires: readonly string[] | undefined) {
  const all: { nodeId: string; port: string; tensor: tf.SymbolicTensor }[] = [];
  for (const [nodeId, ports] of compiled.wires) {
    for (const [port, tensor] of Object.entries(ports)) all.push({ nodeId, port, tensor });
  }
  if (!wires) return all;
  return wires.map((w) => {
    const found = all.find((a) => `${a.nodeId}.${a.port}` === w);
    if (!found) throw new ProbeError(`there is no built wire ${w} (a node that leads to no Output is not built)`);
    return found;
  });
}

/** A probe of something the model does not have, for the caller to show as a user error. */
export class ProbeError extends Error {
  override readonly name = 'ProbeError';
}

function evaluate(compiled: CompiledModel, symbolic: tf.SymbolicTensor[], inputs: tf.Tensor[]): { shape: number[]; values: number[] }[] {
  if (symbolic.length === 0) return [];
  const first = inputs.map((t) => t.slice(0, 1));
  try {
    // A model over the same layers: it shares their weights and owns no tensors, so nothing to dispose.
    const view = tf.model({ inputs: compiled.model.inputs, outputs: symbolic });
    const out = view.predict(first);
    const list = Array.isArray(out) ? out : [out];
    const values = list.map((t) => ({ shape: t.shape.slice(1), values: Array.from(t.dataSync()) }));
    tf.dispose(list);
    return values;
  } finally {
    tf.dispose(first);
  }
}

function traceLayer(nodeId: string, layer: Layerish, x: { shape: number[]; values: number[] }, states: { values: number[] }[]): CellProbe[] {
  if (layer.getClassName() === 'Bidirectional') {
    const bi = layer as BidirectionalLayer;
    return [traceOne(nodeId, bi.forwardLayer, layer.name, x, []), traceOne(nodeId, bi.backwardLayer, layer.name, x, [])];
  }
  return [traceOne(nodeId, layer, layer.name, x, states)];
}

function traceOne(nodeId: string, layer: Layerish, name: string, x: { shape: number[]; values: number[] }, states: { values: number[] }[]): CellProbe {
  // Seqwire's reset-after GRU is a GRU whose reset gate applies after the recurrent product.
  const className = layer.getClassName();
  const resetAfter = className === 'SeqwireGRU';
  const cell = (resetAfter ? 'GRU' : className) as CellKind;
  const config = layer.getConfig();
  const [steps, features] = x.shape;
  const weights = layer.getWeights().map((w) => w.dataSync() as Float32Array);
  const cellConfig: CellConfig = {
    cell,
    units: config.units as number,
    features,
    activation: String(config.activation ?? 'tanh'),
    recurrentActivation: String(config.recurrentActivation ?? 'sigmoid'),
    goBackwards: Boolean(config.goBackwards),
    resetAfter,
  };
  const [h0, c0] = states.map((s) => Float32Array.from(s.values));
  const trace: CellTrace = traceCell(cellConfig, { kernel: weights[0], recurrentKernel: weights[1], bias: weights[2] ?? null }, Float32Array.from(x.values), steps, { h: h0, c: c0 });
  const rows = (list: Float32Array[]) => list.map((r) => Array.from(r));
  return {
    nodeId,
    layer: name,
    cell,
    direction: cellConfig.goBackwards ? 'backward' : 'forward',
    steps,
    units: cellConfig.units,
    h: rows(trace.h),
    ...(trace.c ? { c: rows(trace.c) } : {}),
    gates: Object.fromEntries(Object.entries(trace.gates).map(([g, list]) => [g, rows(list)])),
  };
}

/** softmax(query · valuesᵀ) over the value steps, as DotAttention computes it. */
export function attentionWeights(query: { shape: number[]; values: number[] }, values: { shape: number[]; values: number[] }): number[][] {
  const [tq, d] = query.shape;
  const tv = values.shape[0];
  const rows: number[][] = [];
  for (let i = 0; i < tq; i++) {
    const scores = new Array<number>(tv);
    for (let j = 0; j < tv; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += query.values[i * d + k] * values.values[j * d + k];
      scores[j] = s;
    }
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    rows.push(exp.map((e) => e / sum));
  }
  return rows;
}
