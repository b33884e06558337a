import * as tf from '@tensorflow/tfjs';
import { sanitize } from '../compile/layer-names';
import type { CompiledModel } from '../compile/types';
import { getLayerClass } from '../nodes/registry';
import { fusedRecurrentEnabled, setFusedRecurrent } from '../nodes/fused-rnn';
import type { GradientFlow } from './events';

/** The recurrent layers of a model (cells and bidirectional wrappers, as their node types say), in the model's order. */
export function recurrentLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((l) => getLayerClass(l.getClassName())?.recurrent !== undefined);
}

/** The graph node a layer came from: the longest node id its name starts with (`rnn`, `rnn_2` -> `rnn`). */
export function nodeIdOfLayer(layerName: string, nodeIds: readonly string[]): string {
  let best = '';
  for (const id of nodeIds) {
    const name = sanitize(id);
    const fits = layerName === name || layerName.startsWith(`${name}_`);
    if (fits && id.length > best.length) best = id;
  }
  return best || layerName;
}

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];

interface CellLike {
  units: number;
  getClassName(): string;
  call: Call;
}
interface RnnLike {
  cell: CellLike;
  goBackwards: boolean;
}

/** The cells a recurrent layer steps (two for a bidirectional wrapper), with their direction. */
function cellsOf(layer: tf.layers.Layer): RnnLike[] {
  const l = layer as unknown as { cell?: CellLike; forwardLayer?: RnnLike; backwardLayer?: RnnLike; goBackwards?: boolean };
  if (l.cell) return [{ cell: l.cell, goBackwards: !!l.goBackwards }];
  return [l.forwardLayer, l.backwardLayer].filter((x): x is RnnLike => !!x?.cell);
}

/**
 * Gradient flow through time: for each recurrent layer, the norm of the loss
 * gradient with respect to its hidden state h_t at every step t (and, for an
 * LSTM, its cell state c_t), and with respect to its input x_t, on one probe
 * batch.
 *
 * The gradient with respect to h_t is the lecture's quantity: how much the
 * loss still depends on the memory the layer held at step t, through every
 * later step. (The input gradient alone misleads: a model that has learned
 * to ignore noise inputs has small input gradients by design.)
 *
 * How: h_t and x_t are inner tensors of the model, so they cannot be asked
 * for a gradient directly. For one forward pass, each cell's `call` is
 * wrapped to give h_t + d_t (and c_t + e_t) as its output and next state,
 * and each layer's `call` receives x + d; every d is a zero tensor given to
 * `tf.grads`. Adding zero changes nothing in the forward pass, and the
 * derivative of h + d by d is the identity, so dLoss/dd_t is exactly
 * dLoss/dh_t. This needs tfjs's own step loop, so the fused recurrent kernels
 * are switched off for the pass. The norm at step t is the L2 norm over units,
 * averaged over the probe batch; a bidirectional layer adds both directions'
 * squares at each input step.
 */
export function gradientFlow(compiled: CompiledModel, xs: tf.Tensor[], ys: tf.Tensor[], nodeIds: readonly string[]): GradientFlow[] {
  const layers = recurrentLayers(compiled.model);
  if (layers.length === 0) return [];
  const wasFused = fusedRecurrentEnabled();
  setFusedRecurrent(false);
  try {
    return measure(compiled, layers, xs, ys, nodeIds);
  } finally {
    setFusedRecurrent(wasFused);
  }
}

function measure(compiled: CompiledModel, layers: tf.layers.Layer[], xs: tf.Tensor[], ys: tf.Tensor[], nodeIds: readonly string[]): GradientFlow[] {
  // A first pass records the shape each layer receives (T may be known only from the data).
  const shapes: number[][] = [];
  const undo = layers.map((layer, i) => wrapLayer(layer, (x) => {
    shapes[i] = x.shape;
    return x;
  }));
  try {
    tf.tidy(() => {
      compiled.model.apply(xs);
    });
  } finally {
    undo.forEach((r) => r());
  }
  const usable = layers.map((_, i) => shapes[i]?.length === 3);
  const cells = layers.map((l, i) => (usable[i] ? cellsOf(l) : []));
  type Norms = { input: tf.Tensor; h: tf.Tensor | null; c: tf.Tensor | null } | null;
  const result: Norms[] = [];
  tf.tidy(() => {
    // Flat list of every zero tensor to differentiate by, and where each one sits.
    const deltas: tf.Tensor[] = [];
    const inputAt = layers.map((_, i) => {
      deltas.push(tf.zeros(usable[i] ? shapes[i] : [1]));
      return deltas.length - 1;
    });
    const stateAt = cells.map((list, i) => list.map((rnn) => {
      const [B, T] = shapes[i];
      const isLstm = rnn.cell.getClassName() === 'LSTMCell';
      const h: number[] = [];
      const c: number[] = [];
      for (let t = 0; t < T; t++) {
        deltas.push(tf.zeros([B, rnn.cell.units]));
        h.push(deltas.length - 1);
        if (isLstm) {
          deltas.push(tf.zeros([B, rnn.cell.units]));
          c.push(deltas.length - 1);
        }
      }
      return { h, c };
    }));
    const lossOf = (...ds: tf.Tensor[]): tf.Scalar => {
      const restore = [
        ...layers.map((layer, i) => wrapLayer(layer, (x) => (usable[i] ? tf.add(x, ds[inputAt[i]]) : x))),
        ...cells.flatMap((list, i) => list.map((rnn, j) => wrapCell(rnn.cell, stateAt[i][j].h.map((k) => ds[k]), stateAt[i][j].c.map((k) => ds[k])))),
      ];
      try {
        const preds = toList(compiled.model.apply(xs) as tf.Tensor | tf.Tensor[]);
        const loss = tf.addN(compiled.outputs.map((o, k) => o.loss(ys[k], preds[k])));
        // Some states reach no output (an LSTM's last c when its state is not returned): a zero
        // term ties every d to the loss, so its gradient is 0 rather than an error.
        return tf.add(loss, tf.mul(0, tf.addN(ds.map((d) => tf.sum(d))))) as tf.Scalar;
      } finally {
        restore.forEach((r) => r());
      }
    };
    const grads = tf.grads(lossOf)(deltas);
    // Per-example norm over the last axis.
    const exampleNorms = (g: tf.Tensor) => tf.sqrt(tf.sum(tf.square(g), -1));
    const keep = (t: tf.Tensor | null) => (t ? tf.keep(t) : null);
    layers.forEach((_, i) => {
      if (!usable[i]) return void result.push(null);
      const input = tf.mean(exampleNorms(grads[inputAt[i]]), 0);
      // Per cell: [T, B] squared norms in input time order (a backwards cell's step k reads input step T-1-k).
      const squares = (which: 'h' | 'c') =>
        cells[i].map((rnn, j) => {
          const idx = stateAt[i][j][which];
          if (!idx.length) return null;
          const steps = tf.stack(idx.map((k) => tf.sum(tf.square(grads[k]), -1)));
          return rnn.goBackwards ? tf.reverse(steps, 0) : steps;
        }).filter((x): x is tf.Tensor => x !== null);
      const perStep = (parts: tf.Tensor[]) => (parts.length ? tf.mean(tf.sqrt(tf.addN(parts)), 1) : null);
      result.push({ input: tf.keep(input), h: keep(perStep(squares('h'))), c: keep(perStep(squares('c'))) });
    });
  });
  const flows: GradientFlow[] = [];
  layers.forEach((layer, i) => {
    const r = result[i];
    if (!r || !r.h) return;
    const flow: GradientFlow = {
      nodeId: nodeIdOfLayer(layer.name, nodeIds),
      layer: layer.name,
      of: 'state',
      norms: Array.from(r.h.dataSync()),
      inputNorms: Array.from(r.input.dataSync()),
    };
    if (r.c) flow.cellNorms = Array.from(r.c.dataSync());
    flows.push(flow);
  });
  tf.dispose(result.flatMap((r) => (r ? [r.input, r.h, r.c].filter((t): t is tf.Tensor => t !== null) : [])));
  return flows;
}

/** first-step / last-step of a flow's hidden-state norms: how much of the gradient survives the whole sequence. */
export function firstLastRatio(flow: GradientFlow): number {
  const n = flow.norms;
  return n.length ? n[0] / n[n.length - 1] : Number.NaN;
}

/** Replaces a layer's `call` so its first input goes through `f`; returns the undo. */
function wrapLayer(layer: tf.layers.Layer, f: (x: tf.Tensor) => tf.Tensor): () => void {
  const holder = layer as unknown as { call: Call };
  const original = holder.call;
  holder.call = (inputs, kwargs) => {
    if (Array.isArray(inputs)) return original.call(layer, [f(inputs[0]), ...inputs.slice(1)], kwargs);
    return original.call(layer, f(inputs), kwargs);
  };
  return () => {
    holder.call = original;
  };
}

/**
 * Replaces a cell's `call` so that step k's output and new hidden state are
 * h_k + dh[k] (and its cell state c_k + dc[k]); returns the undo. A cell's
 * `call` gives `[output, ...states]`, the output being h itself.
 */
function wrapCell(cell: CellLike, dh: tf.Tensor[], dc: tf.Tensor[]): () => void {
  const original = cell.call;
  let step = 0;
  cell.call = (inputs, kwargs) => {
    const out = toList(original.call(cell, inputs, kwargs));
    const k = step++;
    if (k >= dh.length) return out;
    const h = tf.add(out[0], dh[k]);
    const states = out.slice(2).map((s, j) => (j === 0 && dc.length ? tf.add(s, dc[k]) : s));
    return [h, h, ...states];
  };
  return () => {
    cell.call = original;
  };
}

function toList(t: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(t) ? t : [t];
}
