import * as tf from '@tensorflow/tfjs';

/**
 * Keras's GRU with `reset_after=True` (the default of Keras 2 under TF2 and of
 * Keras 3), which tfjs refuses to build. The reset gate is applied after the
 * recurrent matmul, and input and recurrent parts have a bias each, so the
 * bias is `[2, 3·units]` (row 0 input, row 1 recurrent; gates z, r, h):
 *
 *   z = σ(x·Wz + bz + h·Uz + b'z)     r = σ(x·Wr + br + h·Ur + b'r)
 *   ĥ = tanh(x·Wh + bh + r ⊙ (h·Uh + b'h))     h' = z ⊙ h + (1 − z) ⊙ ĥ
 *
 * Weight names and shapes are Keras's (`kernel`, `recurrent_kernel`, `bias`),
 * so weights move to and from Keras as they are. Registered as `SeqwireGRU`
 * (a stable name: renaming it breaks saved models); plain TensorFlow.js
 * cannot load a model holding it.
 */

type Kwargs = Record<string, unknown>;
type CellArgs = Parameters<typeof tf.layers.gruCell>[0];
type LayerArgs = Parameters<typeof tf.layers.gru>[0];
type Shape = (number | null)[];
type Initializer = ReturnType<typeof tf.initializers.zeros>;

interface TfGruCellInternals {
  units: number;
  dropout: number;
  recurrentDropout: number;
  activation: { apply(x: tf.Tensor): tf.Tensor };
  recurrentActivation: { apply(x: tf.Tensor): tf.Tensor };
  kernelInitializer: Initializer;
  recurrentInitializer: Initializer;
  biasInitializer: Initializer;
  dropoutMask: tf.Tensor[] | null;
  recurrentDropoutMask: tf.Tensor[] | null;
}

interface WeightOwner {
  addWeight(name: string, shape: number[], dtype: undefined, initializer: Initializer): tf.LayerVariable;
}

/** Dropout masks fixed for a whole sequence, as Keras draws them (one per gate, only while training). */
function mask(like: tf.Tensor, rate: number, training: boolean): tf.Tensor[] | null {
  if (!(rate > 0 && rate < 1) || !training) return null;
  return [0, 1, 2].map(() => tf.keep(tf.dropout(tf.onesLike(like), rate)));
}

/**
 * Defines and registers the two classes; custom-layers.ts calls it once, on
 * first use, since the classes extend tfjs's and need tfjs loaded.
 */
export function defineResetAfterGRU() {
  // tfjs exports only factories; these are its own GRU cell and layer classes.
  const TfGRUCell = tf.layers.gruCell({ units: 1 }).constructor as new (args: CellArgs) => tf.layers.RNNCell & { stateSize: number };
  const TfGRU = tf.layers.gru({ units: 1 }).constructor as new (args: LayerArgs) => tf.layers.RNN;

  class ResetAfterGRUCell extends TfGRUCell {
    static readonly className = 'SeqwireResetAfterGRUCell';
    private kernelVar!: tf.LayerVariable;
    private recurrentVar!: tf.LayerVariable;
    private biasVar!: tf.LayerVariable;

    constructor(args: CellArgs) {
      // tfjs's constructor throws on resetAfter; everything else it reads is the same.
      super({ ...args, resetAfter: false });
    }

    private get self(): TfGruCellInternals {
      return this as unknown as TfGruCellInternals;
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const inputDim = shape[shape.length - 1] as number;
      const { units, kernelInitializer, recurrentInitializer, biasInitializer } = this.self;
      const owner = this as unknown as WeightOwner;
      this.kernelVar = owner.addWeight('kernel', [inputDim, 3 * units], undefined, kernelInitializer);
      this.recurrentVar = owner.addWeight('recurrent_kernel', [units, 3 * units], undefined, recurrentInitializer);
      this.biasVar = owner.addWeight('bias', [2, 3 * units], undefined, biasInitializer);
      this.built = true;
    }

    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor[] {
      return tf.tidy(() => {
        const [xIn, hIn] = inputs as tf.Tensor[];
        const s = this.self;
        const training = kwargs.training === true;
        s.dropoutMask ??= mask(xIn, s.dropout, training);
        s.recurrentDropoutMask ??= mask(hIn, s.recurrentDropout, training);
        const x = s.dropoutMask ? tf.mul(xIn, s.dropoutMask[0]) : xIn;
        const hRead = s.recurrentDropoutMask ? tf.mul(hIn, s.recurrentDropoutMask[0]) : hIn;
        const [inputBias, recurrentBias] = tf.unstack(this.biasVar.read());
        const fromX = tf.add(tf.matMul(x as tf.Tensor2D, this.kernelVar.read() as tf.Tensor2D), inputBias);
        const fromH = tf.add(tf.matMul(hRead as tf.Tensor2D, this.recurrentVar.read() as tf.Tensor2D), recurrentBias);
        const [xz, xr, xh] = tf.split(fromX, 3, -1);
        const [hz, hr, hh] = tf.split(fromH, 3, -1);
        const z = s.recurrentActivation.apply(tf.add(xz, hz));
        const r = s.recurrentActivation.apply(tf.add(xr, hr));
        const candidate = s.activation.apply(tf.add(xh, tf.mul(r, hh)));
        const h = tf.add(tf.mul(z, hIn), tf.mul(tf.sub(1, z), candidate));
        return [h, h];
      });
    }

    override getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), resetAfter: true };
    }
  }

  class ResetAfterGRU extends TfGRU {
    static readonly className = 'SeqwireGRU';

    constructor(args: LayerArgs) {
      super({ ...args, resetAfter: false } as LayerArgs);
      (this as unknown as { cell: tf.layers.RNNCell }).cell = new ResetAfterGRUCell(args);
    }
  }

  tf.serialization.registerClass(ResetAfterGRUCell as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
  tf.serialization.registerClass(ResetAfterGRU as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);
  return { ResetAfterGRU, ResetAfterGRUCell };
}
