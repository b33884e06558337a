import * as tf from '@tensorflow/tfjs';
import type { CompiledModel, Head } from '../compile/types';

/** The tfjs class of the Glimpse node's reader (core/nodes/glimpse-layer.ts). */
export const GLIMPSE_CLASS = 'SeqwireGlimpseReader';

/** An Output read after each glimpse: the model's own head applied to the state after every step. */
export interface GlimpseHead {
  /** The Output node. */
  nodeId: string;
  head: Head;
  /** The head's output after glimpse 1, 2, …: `[glimpses][units]` (class probabilities for a softmax head). */
  perStep: number[][];
  /** What the model itself outputs for this sample (equals the last row of `perStep`). */
  model: number[];
}

/** Where a Glimpse node looked for one sample, and what its heads would say after each look. */
export interface GlimpseProbe {
  nodeId: string;
  /** The n of the n × n grid read at each glimpse. */
  grid: number;
  /** The image the node read, `[H, W, C]` row-major. */
  image: { shape: number[]; values: number[] };
  /** Per glimpse: centre x, centre y, stride δ, blur σ (all in pixels, pixel i's centre at i as the filterbank counts), gain γ. */
  where: number[][];
  /** Per glimpse, what its n × n filters read (before the gain), `[n, n, C]` row-major: the reader's view of the image. */
  patches: number[][];
  /** Per glimpse, the box its grid covers, for drawing (see `glimpseBox`). */
  boxes: GlimpseBox[];
  heads: GlimpseHead[];
}

/**
 * The part of the image one glimpse read, in image coordinates where the
 * image spans [0, W] × [0, H] (pixel i from i to i + 1): the n × n filter
 * centres `xs` × `ys`, and the box around them that gives each centre one
 * stride (so n strides wide). Each filter is a Gaussian of σ `blur` pixels.
 */
export interface GlimpseBox {
  left: number;
  top: number;
  width: number;
  height: number;
  xs: number[];
  ys: number[];
  blur: number;
  gain: number;
}

/** The box of one glimpse from its `where` row (centre x, centre y, stride, σ, gain) and grid size n. */
export function glimpseBox([cx, cy, stride, blur, gain]: readonly number[], n: number): GlimpseBox {
  // The filterbank puts pixel i's centre at i and filter k at centre + (k - n/2 + 0.5)·stride; drawing puts it at i + 0.5.
  const at = (c: number) => Array.from({ length: n }, (_, k) => c + 0.5 + (k - n / 2 + 0.5) * stride);
  const side = n * stride;
  return { left: cx + 0.5 - side / 2, top: cy + 0.5 - side / 2, width: side, height: side, xs: at(cx), ys: at(cy), blur, gain };
}

/** The reader's per-step read, as glimpse-layer.ts defines it. */
interface Tracing {
  name: string;
  grid: number;
  trace(image: tf.Tensor4D): { states: tf.Tensor3D; where: tf.Tensor3D; patches: tf.Tensor5D };
}

interface Applying {
  apply(x: tf.Tensor): tf.Tensor | tf.Tensor[];
}

/**
 * The layers from a Glimpse node's `out` to each model output that depends on
 * it alone, in order: a head that also reads something else (another input,
 * the `where` port) has no meaning per glimpse, so it is left out and a note
 * says so. Index `k` is the model output's index.
 */
export function headsReading(compiled: CompiledModel, out: tf.SymbolicTensor | undefined): { index: number; chain: { layer: Applying; output: number }[] }[] | { note: string } {
  if (!out) return { note: 'its out port is not built, so no per-glimpse prediction is shown' };
  const found: { index: number; chain: { layer: Applying; output: number }[] }[] = [];
  const other: string[] = [];
  compiled.model.outputs.forEach((tensor, index) => {
    const chain: { layer: Applying; output: number }[] = [];
    let t: tf.SymbolicTensor = tensor;
    while (t !== out) {
      // An Input's tensor has no inputs: this output does not come from the glimpse state alone.
      if (t.inputs.length !== 1) return void other.push(compiled.outputs[index].nodeId);
      chain.unshift({ layer: t.sourceLayer as unknown as Applying, output: t.outputTensorIndex ?? 0 });
      t = t.inputs[0];
    }
    found.push({ index, chain });
  });
  if (!found.length) return { note: `no Output reads only the glimpse state (${other.join(', ')} read more), so no per-glimpse prediction is shown` };
  return found;
}

/**
 * Traces one Glimpse node on one image (batch of 1): where each glimpse
 * looked, and each head applied, with its trained weights, to the state after
 * each glimpse (the steps are run through the head as a batch: every layer
 * of a head treats examples apart, so row k is exactly the head after glimpse
 * k+1). `model` holds the model's own output for the same image, so the last
 * step can be checked against it.
 */
export function traceGlimpse(
  nodeId: string,
  layer: Tracing,
  image: { shape: number[]; values: number[] },
  heads: { nodeId: string; head: Head; chain: { layer: Applying; output: number }[]; model: number[] }[],
): GlimpseProbe {
  let looked: number[][] = [];
  let patches: number[][] = [];
  let perStep: number[][][] = [];
  tf.tidy(() => {
    const x = tf.tensor4d(image.values, [1, ...image.shape] as [number, number, number, number]);
    const { states, where, patches: read } = layer.trace(x);
    const [, steps, units] = states.shape;
    const perStepState = tf.reshape(states, [steps, units]);
    looked = (where.arraySync() as number[][][])[0];
    patches = (tf.reshape(read, [steps, -1]).arraySync() as number[][]);
    perStep = heads.map(({ chain }) => {
      let y: tf.Tensor = perStepState;
      for (const { layer: l, output } of chain) {
        const r = l.apply(y);
        y = Array.isArray(r) ? r[output] : r;
      }
      return y.arraySync() as number[][];
    });
  });
  return {
    nodeId,
    grid: layer.grid,
    image,
    where: looked,
    patches,
    boxes: looked.map((w) => glimpseBox(w, layer.grid)),
    heads: heads.map(({ nodeId: id, head, model }, k) => ({ nodeId: id, head, perStep: perStep[k], model })),
  };
}
