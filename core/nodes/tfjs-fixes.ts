import * as tf from '@tensorflow/tfjs';

/**
 * A fix for tfjs-layers 4.22 that every compiled model needs, applied once
 * by `applyTfjsFixes()` (custom-layers.ts calls it before defining its layers).
 *
 * The graph executor hands one shared `kwargs` object to every layer of a
 * run. It sets `kwargs.mask` before a layer whose input has a mask but never
 * clears it, and `RNN.apply` writes its `initialState` into the same object.
 * So a layer can see the mask of another branch (a decoder masked by the
 * padding of its source sentence) or the initial state of another recurrent
 * layer ("When inputs is an array, neither initialState or constants should be
 * provided"). Here every `apply` gets its own copy, and the shared object
 * loses its mask once a layer has taken it; the executor sets it afresh
 * before the next layer whose input is masked.
 */

type Kwargs = Record<string, unknown>;
type Apply = (this: unknown, inputs: unknown, kwargs?: Kwargs | null) => unknown;
interface WithApply {
  apply: Apply & { seqwireIsolated?: true };
}

function isolateKwargs(proto: WithApply): void {
  const original = proto.apply;
  if (original.seqwireIsolated) return;
  const isolated: Apply & { seqwireIsolated?: true } = function (this: unknown, inputs, kwargs) {
    if (kwargs == null) return original.call(this, inputs, kwargs);
    const own = { ...kwargs };
    delete kwargs.mask;
    return original.call(this, inputs, own);
  };
  isolated.seqwireIsolated = true;
  proto.apply = isolated;
}

/** The classes of tfjs-layers that define their own `apply`, reached through instances (tfjs exports only factories). */
function layerPrototypesWithApply(): WithApply[] {
  const probe = tf.layers.lstm({ units: 1 });
  const protos = new Set<WithApply>([
    tf.layers.Layer.prototype as unknown as WithApply,
    Object.getPrototypeOf(probe.constructor).prototype, // RNN
    tf.layers.bidirectional({ layer: probe }).constructor.prototype, // Bidirectional
  ]);
  return [...protos].filter((p) => Object.prototype.hasOwnProperty.call(p, 'apply'));
}


/**
 * A second fix: with `unitForgetBias` (Keras's default, which Seqwire keeps),
 * tfjs's LSTM cell builds its bias from three intermediate tensors it never
 * disposes, so every LSTM built leaks three tensors (seen as a growing tensor
 * count when generation rebuilds its step model). The cell's `build` runs here
 * in a scope that disposes what it made; its weights are variables, which a
 * scope keeps.
 */
function disposeBuildIntermediates(proto: { build: ((this: unknown, shape: unknown) => void) & { seqwireScoped?: true } }): void {
  const original = proto.build;
  if (original.seqwireScoped) return;
  const scoped: typeof original = function (this: unknown, shape: unknown) {
    tf.engine().startScope();
    try {
      original.call(this, shape);
    } finally {
      tf.engine().endScope();
    }
  };
  scoped.seqwireScoped = true;
  proto.build = scoped;
}

let applied = false;

/** Applies both fixes to tfjs's layer classes; later calls do nothing. */
export function applyTfjsFixes(): void {
  if (applied) return;
  applied = true;
  for (const proto of layerPrototypesWithApply()) isolateKwargs(proto);
  const lstmCell = (tf.layers.lstm({ units: 1 }) as unknown as { cell: object }).cell;
  disposeBuildIntermediates(Object.getPrototypeOf(lstmCell));
}
