import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import { getLayerClass } from '../nodes/registry';

/**
 * A trained model rewritten to advance one time step per call, so that
 * generating K steps costs K cell steps instead of K²/2.
 *
 * Tensors that do not depend on a feedback input are "static": an encoder,
 * a projected image, a class vector. They are computed once, by `prefix`,
 * and enter the step model as inputs. Tensors that do depend on one are
 * "dynamic" and stand for the current step only ([batch, 1, ...]). Every
 * recurrent layer on the dynamic path becomes a copy that takes its state as
 * inputs and gives it back as outputs; every other layer is the same layer
 * object, applied again, so it shares the trained weights.
 */
export interface StepPlan {
  step: tf.LayersModel;
  /** Model inputs (indices into `compiled.inputs`) fed one step at a time, in step-model input order. */
  feedbackInputs: number[];
  /**
   * Values computed once and fed at every step, in step-model input order after
   * the feedback inputs. `aligned` ones are sequences read one step at a time
   * (a RepeatVector joined to the decoder input); the others are fed whole.
   */
  staticFeeds: { aligned: boolean; steps: number | null }[];
  /** Recurrent states, in step-model input order after the static feeds; `fromPrefix` when a static tensor starts them. */
  states: { size: number; fromPrefix: boolean }[];
  /** Model outputs (indices into `compiled.outputs`) the step model gives per step, first in its outputs; the states follow. */
  stepOutputs: number[];
  /** Static inputs -> the distinct static tensors; `null` when nothing is static. */
  prefix: tf.LayersModel | null;
  /** Model inputs (indices into `compiled.inputs`) the prefix reads. */
  prefixInputs: number[];
  /**
   * Runs the prefix on the values of `prefixInputs` (batch first): the static
   * feeds, and the initial states of the states marked `fromPrefix`. Every
   * tensor returned is the caller's to dispose.
   */
  runPrefix(inputs: tf.Tensor[]): { statics: tf.Tensor[]; states: tf.Tensor[] };
  /** Frees the recurrent copies (the shared layers belong to the trained model). */
  dispose(): void;
}

/** Why a model cannot advance step by step, naming the layer (layer names start with their node id). */
export class NotSteppableError extends Error {}


type Sym = tf.SymbolicTensor;
interface SymInternals {
  sourceLayer: tf.layers.Layer;
  inputs: Sym[];
  callArgs: Record<string, unknown>;
  outputTensorIndex?: number;
}
const internals = (t: Sym) => t as unknown as SymInternals;
const isModelInput = (t: Sym) => internals(t).sourceLayer.getClassName() === 'InputLayer';

/** Builds the step plan of a compiled model; throws `NotSteppableError` when a layer on the feedback path cannot step. */
export function buildStepPlan(compiled: CompiledModel): StepPlan {
  const { model } = compiled;
  const modelInputs = model.inputs;
  const feedbackSet = new Set(compiled.inputs.map((inp, i) => (inp.feedback ? modelInputs[i] : null)).filter((t): t is Sym => t !== null));

  const dynamicMemo = new Map<number, boolean>();
  const isDynamic = (t: Sym): boolean => {
    let v = dynamicMemo.get(t.id);
    if (v === undefined) {
      v = feedbackSet.has(t) || internals(t).inputs.some(isDynamic);
      dynamicMemo.set(t.id, v);
    }
    return v;
  };

  const stepInputs: Sym[] = [];
  const feedbackInputs: number[] = [];
  const staticSources: Sym[] = [];
  const staticFeeds: StepPlan['staticFeeds'] = [];
  const staticPlaceholders: Sym[] = [];
  const staticKey = new Map<string, Sym>();
  const cells: SteppedCells = { stateInputs: [], stateOutputs: [], states: [], stateSources: [], clones: [] };
  const { stateInputs, stateOutputs, states, stateSources, clones } = cells;

  modelInputs.forEach((t, i) => {
    if (!feedbackSet.has(t)) return;
    const [, , ...rest] = t.shape;
    stepInputs.push(tf.input({ shape: [1, ...(rest as number[])], dtype: t.dtype, name: `${t.sourceLayer.name}_step` }));
    feedbackInputs.push(i);
  });

  const staticFeed = (t: Sym, aligned: boolean): Sym => {
    const key = `${t.id}:${aligned}`;
    let ph = staticKey.get(key);
    if (!ph) {
      const [, ...shape] = t.shape;
      if (aligned && shape.length < 2) throw new NotSteppableError(`layer "${t.sourceLayer.name}" joins a vector to a step of a sequence`);
      const phShape = aligned ? [1, ...shape.slice(1)] : shape;
      ph = tf.input({ shape: phShape as number[], dtype: t.dtype, name: `static_${staticFeeds.length}` });
      staticKey.set(key, ph);
      staticSources.push(t);
      staticFeeds.push({ aligned, steps: aligned ? (shape[0] ?? null) : null });
      staticPlaceholders.push(ph);
    }
    return ph;
  };

  // One entry per layer call: the step-model tensors of all its outputs.
  const calls = new Map<string, Sym[]>();
  const stepValue = (t: Sym, alignedIfStatic: boolean): Sym => {
    if (!isDynamic(t)) return staticFeed(t, alignedIfStatic);
    if (feedbackSet.has(t)) return stepInputs[feedbackInputs.indexOf(modelInputs.indexOf(t))];
    const { sourceLayer: layer, inputs, outputTensorIndex } = internals(t);
    const key = `${layer.name}:${inputs.map((x) => x.id).join(',')}`;
    let outs = calls.get(key);
    if (!outs) {
      outs = stepLayer(layer, inputs);
      calls.set(key, outs);
    }
    const out = outs[outputTensorIndex ?? 0];
    if (!out) throw new NotSteppableError(`layer "${layer.name}": its output ${outputTensorIndex} has no meaning one step at a time`);
    return out;
  };

  const stepLayer = (layer: tf.layers.Layer, inputs: Sym[]): Sym[] => {
    const cls = layer.getClassName();
    // How each class steps is said by the node type that builds it (`layerClasses` in core/nodes).
    const known = getLayerClass(cls);
    if (known?.recurrent === 'cell') return stepRecurrent(layer as tf.layers.RNN, inputs, stepValue, isDynamic, cells);
    if (known?.recurrent === 'wrapper') throw new NotSteppableError(`layer "${layer.name}" reads its sequence in both directions, so it cannot generate one step at a time; set bidirectional to none on the nodes after a feedback input`);
    if (known?.step === 'attention') {
      const [query, values] = inputs;
      if (isDynamic(values)) throw new NotSteppableError(`layer "${layer.name}" attends over values that depend on the generated steps`);
      return [layer.apply([stepValue(query, true), staticFeed(values, false)]) as Sym];
    }
    if (known?.step !== 'per-step' && known?.step !== 'merge') throw new NotSteppableError(`layer "${layer.name}" (${cls}) mixes the steps of a sequence, so it cannot sit between a feedback input and its Output`);
    const args = inputs.map((x) => stepValue(x, known.step === 'merge'));
    const result = layer.apply(args.length === 1 ? args[0] : args) as Sym | Sym[];
    return Array.isArray(result) ? result : [result];
  };

  const stepOutputs: number[] = [];
  const outs: Sym[] = [];
  model.outputs.forEach((t, i) => {
    if (!isDynamic(t)) return;
    if (t.shape.length < 3) {
      throw new NotSteppableError(`Output "${compiled.outputs[i].nodeId}" gives one value per sequence, not one per step`);
    }
    outs.push(stepValue(t, true));
    stepOutputs.push(i);
  });
  if (!stepOutputs.length) throw new NotSteppableError('no Output depends on a feedback input');

  const step = tf.model({ inputs: [...stepInputs, ...staticPlaceholders, ...stateInputs], outputs: [...outs, ...stateOutputs], name: `${model.name}_step` });

  const { prefix, prefixInputs, runPrefix } = buildPrefix(compiled, feedbackSet, staticSources, stateSources);

  return {
    step,
    feedbackInputs,
    staticFeeds,
    states,
    stepOutputs,
    prefix,
    prefixInputs,
    runPrefix,
    dispose: () => clones.forEach((c) => c.dispose()),
  };
}

function dependsOn(t: Sym, input: Sym): boolean {
  const seen = new Set<number>();
  const walk = (x: Sym): boolean => {
    if (x === input) return true;
    if (seen.has(x.id)) return false;
    seen.add(x.id);
    return internals(x).inputs.some(walk);
  };
  return walk(t);
}

/** A model input used directly as a static feed: an identity layer, since a model cannot output its own input. */
function passThrough(t: Sym): Sym {
  return tf.layers.activation({ activation: 'linear', name: `${t.sourceLayer.name}_pass` }).apply(t) as Sym;
}

/**
 * The prefix of a step plan: a model that computes, once per generation and
 * from the static inputs only, the static feeds and the initial states the
 * step model takes. A tensor may serve twice (one projection starting both h
 * and c); a model lists each output once, so the copies are cloned out.
 */
function buildPrefix(compiled: CompiledModel, feedbackSet: ReadonlySet<Sym>, staticSources: Sym[], stateSources: Sym[]): Pick<StepPlan, 'prefix' | 'prefixInputs' | 'runPrefix'> {
  const { model } = compiled;
  const modelInputs = model.inputs;
  const wanted = [...staticSources, ...stateSources];
  const distinct = [...new Set(wanted)];
  const where = wanted.map((t) => distinct.indexOf(t));
  const prefixInputs = compiled.inputs.map((_, i) => i).filter((i) => !feedbackSet.has(modelInputs[i]) && distinct.some((t) => dependsOn(t, modelInputs[i])));
  const prefix = distinct.length
    ? tf.model({ inputs: prefixInputs.map((i) => modelInputs[i]), outputs: distinct.map((t) => (isModelInput(t) ? passThrough(t) : t)), name: `${model.name}_prefix` })
    : null;
  const runPrefix = (inputs: tf.Tensor[]) => {
    if (!prefix) return { statics: [], states: [] };
    const raw = prefix.predict(inputs);
    const outs = Array.isArray(raw) ? raw : [raw];
    const taken = new Set<number>();
    const pick = (k: number) => {
      const t = outs[where[k]];
      if (taken.has(where[k])) return t.clone();
      taken.add(where[k]);
      return t;
    };
    const all = wanted.map((_, k) => pick(k));
    return { statics: all.slice(0, staticSources.length), states: all.slice(staticSources.length) };
  };
  return { prefix, prefixInputs, runPrefix };
}

/** What stepping the recurrent cells collects: each state's placeholder and next value, where it starts, and the cell copies. */
interface SteppedCells {
  stateInputs: Sym[];
  stateOutputs: Sym[];
  states: StepPlan['states'];
  stateSources: Sym[];
  clones: tf.layers.Layer[];
}

/**
 * A recurrent cell for one step: a copy of the layer that takes its states
 * as inputs and gives them as outputs (with the trained weights), so the
 * loop carries the states from one step to the next.
 */
function stepRecurrent(layer: tf.layers.RNN, inputs: Sym[], stepValue: (t: Sym, aligned: boolean) => Sym, isDynamic: (t: Sym) => boolean, cells: SteppedCells): Sym[] {
  const { stateInputs, stateOutputs, states, stateSources, clones } = cells;
  const config = layer.getConfig();
  if (config.goBackwards) throw new NotSteppableError(`layer "${layer.name}" reads its sequence backwards, so it cannot generate one step at a time`);
  if (!config.returnSequences) {
    throw new NotSteppableError(`layer "${layer.name}" gives only its last step (returnSequences is off), so the Output after it is not per step`);
  }
  const [x, ...initial] = inputs;
  // The layers below first, so that states are listed in the same order as inputs and as outputs.
  const xStep = stepValue(x, true);
  const units = config.units as number;
  const count = layer.getClassName() === 'LSTM' ? 2 : 1;
  const phs: Sym[] = [];
  for (let k = 0; k < count; k++) {
    const ph = tf.input({ shape: [units], name: `${layer.name}_state${k}` });
    phs.push(ph);
    stateInputs.push(ph);
    const source = initial[k];
    if (source && isDynamic(source)) throw new NotSteppableError(`layer "${layer.name}": its initial state depends on the generated steps`);
    states.push({ size: units, fromPrefix: !!source });
    if (source) stateSources.push(source);
  }
  const Cls = layer.constructor as new (args: Record<string, unknown>) => tf.layers.RNN;
  // Zeros to start with: the trained weights replace them at once, and an orthogonal recurrent kernel
  // (a QR decomposition) would cost a generation more than its first hundred steps.
  const cheap = { kernelInitializer: 'zeros', recurrentInitializer: 'zeros', biasInitializer: 'zeros' };
  const clone = new Cls({ ...config, ...cheap, name: `${layer.name}_step`, returnSequences: true, returnState: true, stateful: false });
  const [seq, ...next] = clone.apply(xStep, { initialState: phs }) as Sym[];
  clone.setWeights(layer.getWeights());
  clones.push(clone);
  stateOutputs.push(...next);
  // The original's outputs: the sequence, then (with returnState) its final states, which have no per-step meaning.
  return [seq];
}
