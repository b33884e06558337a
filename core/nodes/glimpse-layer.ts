import * as tf from '@tensorflow/tfjs';
import { forgetBiasInitializer } from './initializers';
import { fastOrthogonal } from './orthogonal';

/**
 * A recurrent reader that looks at an image glimpse by glimpse: at each of
 * `glimpses` steps it reads an n × n grid of Gaussian filters (the
 * differentiable read of DRAW, Gregor et al. 2015, section 3.2) whose centre,
 * stride, blur and gain come from a linear map of its LSTM state, then feeds
 * what it read to the LSTM. Everything is differentiable, so where to look is
 * learned by backprop with the rest.
 *
 * Inputs `[B, H, W, C]`; outputs `[h [B, units], where [B, glimpses, 5]]`,
 * `where` holding per step the centre (x, y in pixels), the stride between
 * grid points, the blur σ (pixels) and the gain γ.
 *
 * Weights: the LSTM's kernel [n·n·C, 4u], recurrent kernel [u, 4u] and bias
 * [4u] (gates i, f, c, o as Keras, forget bias 1), and the look [u, 5] + [5].
 * The look starts at zero weights, so the first glimpse spans the whole image.
 */

interface GlimpseArgs {
  units: number;
  glimpses: number;
  grid: number;
  name?: string;
}

type Shape = (number | null)[];

function defineGlimpseReader() {
  class GlimpseReader extends tf.layers.Layer {
    static readonly className = 'SeqwireGlimpseReader';
    readonly units: number;
    readonly glimpses: number;
    readonly grid: number;
    private kernel!: tf.LayerVariable;
    private recurrentKernel!: tf.LayerVariable;
    private bias!: tf.LayerVariable;
    private lookKernel!: tf.LayerVariable;
    private lookBias!: tf.LayerVariable;

    constructor(args: GlimpseArgs) {
      super({ name: args.name });
      this.units = args.units;
      this.glimpses = args.glimpses;
      this.grid = args.grid;
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const channels = shape[3] as number;
      const u = this.units;
      const read = this.grid * this.grid * channels;
      this.kernel = this.addWeight('kernel', [read, 4 * u], 'float32', tf.initializers.glorotUniform({}));
      this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 4 * u], 'float32', new (fastOrthogonal())({}) as unknown as ReturnType<typeof tf.initializers.zeros>);
      this.bias = this.addWeight('bias', [4 * u], 'float32', new (forgetBiasInitializer())({ forgetBias: 1 }) as unknown as ReturnType<typeof tf.initializers.zeros>);
      this.lookKernel = this.addWeight('look_kernel', [u, 5], 'float32', tf.initializers.zeros());
      this.lookBias = this.addWeight('look_bias', [5], 'float32', tf.initializers.zeros());
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      return [[shape[0], this.units], [shape[0], this.glimpses, 5]];
    }

    override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
      return tf.tidy(() => {
        const { states, where } = this.read((Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D);
        return [states[states.length - 1], tf.stack(where, 1)];
      });
    }

    /**
     * The same read as `call`, keeping the LSTM state after every glimpse:
     * `states` [B, glimpses, units] (the last row is `out`), `where`
     * [B, glimpses, 5], and `patches` [B, glimpses, n, n, C], what each
     * glimpse's filters read before the gain. Probes use it to apply the
     * model's head after each glimpse; it is the one loop `call` runs, so
     * the two cannot drift.
     */
    trace(image: tf.Tensor4D): { states: tf.Tensor3D; where: tf.Tensor3D; patches: tf.Tensor5D } {
      return tf.tidy(() => {
        const { states, where, patches } = this.read(image, true);
        return { states: tf.stack(states, 1) as tf.Tensor3D, where: tf.stack(where, 1) as tf.Tensor3D, patches: tf.stack(patches, 1) as tf.Tensor5D };
      });
    }

    /** The glimpse loop: the state h after each glimpse, where each glimpse looked, and what it read when `keepPatches` (call it inside a tidy). */
    private read(image: tf.Tensor4D, keepPatches = false): { states: tf.Tensor2D[]; where: tf.Tensor[]; patches: tf.Tensor[] } {
      const [B, H, W, C] = image.shape;
      const u = this.units;
      const n = this.grid;
      // Channels first, so that one batched matMul reads every channel: [B·C, H, W].
      const planes = tf.reshape(tf.transpose(image, [0, 3, 1, 2]), [B * C, H, W]);
      let h: tf.Tensor2D = tf.zeros([B, u]);
      let c: tf.Tensor2D = tf.zeros([B, u]);
      const states: tf.Tensor2D[] = [];
      const where: tf.Tensor[] = [];
      const patches: tf.Tensor[] = [];
      const kernel = this.kernel.read();
      const recurrent = this.recurrentKernel.read();
      const bias = this.bias.read();
      for (let t = 0; t < this.glimpses; t++) {
        const look = tf.add(tf.matMul(h, this.lookKernel.read()), this.lookBias.read()) as tf.Tensor2D;
        const [gx, gy, logDelta, logSigma2, logGamma] = tf.split(look, 5, 1);
        const cx = tf.mul((W + 1) / 2, tf.add(gx, 1));
        const cy = tf.mul((H + 1) / 2, tf.add(gy, 1));
        const delta = tf.mul((Math.max(H, W) - 1) / Math.max(1, n - 1), tf.exp(logDelta));
        const sigma2 = tf.exp(logSigma2);
        const gamma = tf.exp(logGamma);
        const fx = filterbank(cx, delta, sigma2, n, W); // [B, n, W]
        const fy = filterbank(cy, delta, sigma2, n, H); // [B, n, H]
        const perPlane = (f: tf.Tensor3D) => tf.reshape(tf.tile(tf.expandDims(f, 1), [1, C, 1, 1]), [B * C, n, f.shape[2]]) as tf.Tensor3D;
        // γ · Fy · x · Fxᵀ: [B·C, n, n], then back to [B, n·n·C].
        const glimpse = tf.matMul(tf.matMul(perPlane(fy), planes as tf.Tensor3D), perPlane(fx), false, true);
        const read = tf.mul(tf.reshape(tf.transpose(tf.reshape(glimpse, [B, C, n * n]), [0, 2, 1]), [B, n * n * C]), gamma);
        const z = tf.add(tf.add(tf.matMul(read, kernel), tf.matMul(h, recurrent)), bias);
        const [zi, zf, zc, zo] = tf.split(z, 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zc))) as tf.Tensor2D;
        h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as tf.Tensor2D;
        states.push(h);
        where.push(tf.concat([cx, cy, delta, tf.sqrt(sigma2), gamma], 1));
        if (keepPatches) patches.push(tf.transpose(tf.reshape(glimpse, [B, C, n, n]), [0, 2, 3, 1]));
      }
      return { states, where, patches };
    }

    override computeMask(): tf.Tensor[] {
      return [null, null] as unknown as tf.Tensor[];
    }

    override getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), units: this.units, glimpses: this.glimpses, grid: this.grid };
    }
  }
  tf.serialization.registerClass(GlimpseReader);
  return GlimpseReader;
}

let defined: ReturnType<typeof defineGlimpseReader> | undefined;

/** The layer class, defined and registered with tfjs on first use (importing this module does not need tfjs running). */
export function glimpseReader(): ReturnType<typeof defineGlimpseReader> {
  defined ??= defineGlimpseReader();
  return defined;
}

/** DRAW's filterbank on one axis of `size` pixels: row i a Gaussian at centre + (i - n/2 + 0.5)·δ, normalised to sum 1. */
function filterbank(centre: tf.Tensor, delta: tf.Tensor, sigma2: tf.Tensor, n: number, size: number): tf.Tensor3D {
  const offsets = tf.tensor1d(Array.from({ length: n }, (_, i) => i - n / 2 + 0.5));
  const mu = tf.add(centre, tf.mul(delta, offsets)); // [B, n]
  const pixels = tf.reshape(tf.range(0, size, 1, 'float32'), [1, 1, size]);
  const d = tf.sub(pixels, tf.expandDims(mu, 2)); // [B, n, size]
  const f = tf.exp(tf.div(tf.neg(tf.square(d)), tf.mul(2, tf.expandDims(sigma2, 2))));
  return tf.div(f, tf.add(tf.sum(f, 2, true), 1e-8)) as tf.Tensor3D;
}

