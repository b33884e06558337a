import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import { headOfLoss } from '../compile/losses';
import { FUSED_ACTIVATIONS, fusedFlags, fusedRecurrentEnabled, fusedWholeStepEnabled, noteFused } from '../nodes/fused-rnn';
import { CELL_CLASSES, fusedAttrsOf, reasonNotFused, type RnnLike } from '../nodes/fused-rnn-call';
import type { BoundFields } from './bindings';
import { isFusedAdam } from './fused-adam';
import type { StepResult } from './step';
import { STACK_CELLS, STACK_STEP_KERNEL, type StackStepAttrs } from './step-kernels';

/**
 * The whole training step of a plain recurrent stack in one kernel call
 * (electron/backend/fused/step-kernel.ts runs it; the contract is in
 * step-kernels.ts): a sequence input, recurrent layers one on another that
 * all run fused, Dense layers on the last state or on every step, and a
 * softmax, linear or mdn head, trained with Adam and one global clip. It computes what
 * `trainStep` computes (the same losses, the same checks before any weight
 * moves, the same update and Adam slots, so checkpoints and resumes do not
 * change), without tfjs's tape and small ops around the kernels. Anything
 * else (another layer, dropout while training, another optimizer, clipping
 * per layer, the browser's backends) takes `trainStep`, and `stackStep` says why.
 */

export interface StackStep {
  step(x: tf.Tensor, y: tf.Tensor, clipNorm: number, withAccuracy: boolean, maxLoss: number): StepResult;
}

export type StackStepPlan = { ok: true; plan: StackStep } | { ok: false; reason: string };

interface LayerLike {
  name: string;
  getClassName(): string;
  inboundNodes: { inboundLayers: LayerLike[] }[];
  trainableWeights: { read(): tf.Tensor }[];
}

interface DenseLike extends LayerLike {
  units: number;
  useBias: boolean;
  activation: { getClassName(): string };
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
}

/** tfjs's Dropout layer as far as the step reads it. */
interface DropoutLike {
  getClassName?(): string;
  rate: number;
  noiseShape?: number[] | null;
  seed?: number;
}

/** tfjs's Embedding layer as far as the step reads it. */
interface EmbeddingLike {
  embeddings: { read(): tf.Tensor };
  outputDim: number;
  maskZero: boolean;
}

/** tfjs's Bidirectional wrapper as far as the step reads it. */
interface BidirectionalLike {
  mergeMode: string | null;
  forwardLayer: RnnLike;
  backwardLayer: RnnLike;
  returnSequences: boolean;
}

/** A recurrent layer of the chain: one direction, or a Bidirectional's two (forward first). */
interface Recurrent {
  name: string;
  dirs: RnnLike[];
  returnSequences: boolean;
}

/** The recurrent layers the whole step runs. */
const RECURRENT = ['LSTM', 'GRU', 'SimpleRNN'];

/** A dropout's keep probability as tfjs's ops use it (float32 1 - rate), or 1 where its layer passes its input on (rate 0, or 1 and above). */
const keepOf = (d: DropoutLike) => (d.rate > 0 && d.rate < 1 ? Math.fround(1 - d.rate) : 1);

/** The heads whose loss the whole step computes, with the activation of their Dense layer. */
const HEAD_ACTIVATION = { softmax: 'softmax', linear: 'linear', mdn: 'linear' } as const;
type StepHead = keyof typeof HEAD_ACTIVATION;

/** A plan for `compiled`'s training steps, or why its steps take `trainStep`. */
export function stackStep(compiled: CompiledModel, bound: BoundFields, vars: tf.Variable[], optimizer: tf.Optimizer, groups?: number[][]): StackStepPlan {
  const no = (reason: string): StackStepPlan => ({ ok: false, reason });
  if (!fusedRecurrentEnabled()) return no('the fused path is switched off');
  if (!fusedWholeStepEnabled()) return no('the whole step is switched off');
  if (!tf.getKernel(STACK_STEP_KERNEL, tf.getBackend())) return no(`the ${tf.getBackend()} backend has no whole-step kernel`);
  if (!isFusedAdam(optimizer)) return no('the optimizer is not adam');
  if (groups && groups.length > 1) return no('gradients are clipped per group');
  const { model, outputs } = compiled;
  if (model.inputs.length !== 1 || outputs.length !== 1) return no('the model has more than one input or output');
  const output = outputs[0];
  const own = headOfLoss(output.loss);
  if (!own || own.head !== output.head || !(own.head in HEAD_ACTIVATION)) return no(`the ${output.head} head's loss has no whole-step form`);
  const head = own.head as StepHead;

  // A chain: the input layer, recurrent layers each reading the one before, then Dense layers, the head last.
  const layers = model.layers as unknown as LayerLike[];
  for (let i = 1; i < layers.length; i++) {
    const nodes = layers[i].inboundNodes;
    if (nodes.length !== 1 || nodes[0].inboundLayers.length !== 1 || nodes[0].inboundLayers[0] !== layers[i - 1]) return no(`layer ${layers[i].name} is not one of a chain`);
  }
  if (layers[0].getClassName() !== 'InputLayer') return no('the model does not start with its input');
  // The input: a sequence of vectors, or token ids through an Embedding (optionally followed by a Dropout).
  const embedding = layers[1]?.getClassName() === 'Embedding' ? (layers[1] as unknown as EmbeddingLike) : null;
  const rank = model.inputs[0].shape.length;
  if (embedding ? rank !== 2 : rank !== 3 || model.inputs[0].dtype !== 'float32') return no('the input is not a sequence of vectors or of token ids');
  // Recurrent layers, then Dense layers, each optionally followed by a Dropout (not the head).
  const recurrent: Recurrent[] = [];
  const dense: DenseLike[] = [];
  const recurrentDrop: DropoutLike[] = [];
  const denseDrop: DropoutLike[] = [];
  let i = embedding ? 2 : 1;
  const dropoutHere = (): DropoutLike => {
    const layer = layers[i] as unknown as DropoutLike | undefined;
    if (layer?.getClassName?.() !== 'Dropout') return { rate: 0 };
    i++;
    return layer;
  };
  const embedDrop = embedding ? dropoutHere() : { rate: 0 };
  for (; i < layers.length && [...RECURRENT, 'Bidirectional'].includes(layers[i].getClassName()); ) {
    const layer = layers[i++] as unknown as RnnLike & BidirectionalLike & LayerLike;
    if (layer.getClassName() !== 'Bidirectional') recurrent.push({ name: layer.name, dirs: [layer], returnSequences: layer.returnSequences });
    else if (layer.mergeMode !== 'concat') return no(`layer ${layer.name} merges its directions by ${layer.mergeMode}, not concat`);
    else recurrent.push({ name: layer.name, dirs: [layer.forwardLayer, layer.backwardLayer], returnSequences: layer.returnSequences });
    recurrentDrop.push(dropoutHere());
  }
  for (; i < layers.length && layers[i].getClassName() === 'Dense'; ) {
    dense.push(layers[i++] as DenseLike);
    denseDrop.push(dropoutHere());
  }
  if (i < layers.length) return no(`layer ${layers[i].name} (${layers[i].getClassName()}) has no whole-step form`);
  if (recurrent.length === 0 || dense.length === 0) return no('the model is not a recurrent stack under Dense layers');
  if (keepOf(denseDrop.at(-1)!) < 1) return no('a dropout follows the head');
  const drops = [embedDrop, ...recurrentDrop, ...denseDrop];
  if (drops.some((d) => d.noiseShape != null)) return no('a dropout has a noise shape');
  for (const [i, layer] of dense.entries()) {
    const activation = layer.activation.getClassName();
    const want = i === dense.length - 1 ? HEAD_ACTIVATION[head] : activation in FUSED_ACTIVATIONS ? activation : null;
    if (activation !== want || !layer.useBias || !layer.bias) return no(`layer ${layer.name} is not a Dense layer of the whole step`);
  }
  const cells: number[] = [];
  for (const [i, { name, dirs, returnSequences }] of recurrent.entries()) {
    const kinds = new Set(dirs.map((d) => d.cell.getClassName()));
    const cell = CELL_CLASSES[dirs[0].cell.getClassName()];
    if (!cell || kinds.size !== 1 || !dirs.every((d) => RECURRENT.includes((d as unknown as LayerLike).getClassName()))) return no(`layer ${name} is not a plain recurrent layer`);
    for (const layer of dirs) {
      const why = reasonNotFused(layer, cell, { training: true });
      if (why) return no(`layer ${name}: ${why}`);
      if (layer.returnState || !layer.cell.useBias || !layer.cell.bias) return no(`layer ${name} returns its state or has no bias`);
    }
    if (i < recurrent.length - 1 && !returnSequences) return no(`layer ${name} passes on only its last state`);
    cells.push(STACK_CELLS.indexOf(cell));
  }

  // The variables in the kernel's order, which must be all the model trains.
  const ordered = [...(embedding ? [embedding.embeddings] : []), ...recurrent.flatMap((r) => r.dirs.flatMap((l) => [l.cell.kernel, l.cell.recurrentKernel, l.cell.bias!])), ...dense.flatMap((l) => [l.kernel, l.bias!])].map((w) => w.read() as tf.Variable);
  if (ordered.length !== vars.length || !ordered.every((v) => vars.includes(v))) return no('the model trains variables outside its layers');
  const order = ordered.map((v) => vars.indexOf(v));
  const perStep = recurrent.at(-1)!.returnSequences;
  const flagsOf = (l: RnnLike | undefined) => (l ? fusedFlags(fusedAttrsOf(l)) : 0);
  const fixed = {
    cells,
    units: recurrent.map((r) => r.dirs[0].cell.units),
    flags: recurrent.map((r) => flagsOf(r.dirs[0])),
    bidirectional: recurrent.map((r) => r.dirs.length === 2),
    backFlags: recurrent.map((r) => flagsOf(r.dirs[1])),
    perStep,
    embed: embedding !== null,
    maskZero: embedding?.maskZero ?? false,
    embedKeep: keepOf(embedDrop),
    recurrentKeep: recurrentDrop.map(keepOf),
    denseKeep: denseDrop.slice(0, -1).map(keepOf),
    hidden: dense.slice(0, -1).map((l) => FUSED_ACTIVATIONS[l.activation.getClassName()]),
    head,
    mixtures: own.mixtures,
    sparse: bound.sparse[0],
  };
  const adam = optimizer;
  // The shape of each dropout's draws: its layer's output.
  const widths = [embedding?.outputDim ?? 0, ...recurrent.map((r) => r.dirs.length * r.dirs[0].cell.units), ...dense.map((l) => l.units)];
  const dropShapes = (B: number, T: number) =>
    drops.flatMap((d, k) => {
      if (keepOf(d) === 1) return [];
      // The Embedding's and every recurrent layer's but the last are sequences; the rest as the head reads.
      const sequence = k < recurrent.length || perStep;
      return [{ shape: sequence ? [B, T, widths[k]] : [B, widths[k]], seed: d.seed }];
    });
  for (const layer of recurrent) noteFused(layer.name);

  return {
    ok: true,
    plan: {
      step(x, y, clipNorm, withAccuracy, maxLoss) {
        // Adam's slots belong to the variables by their index in `vars`, as trainStep's update gives them.
        const slots = adam.slotsFor(vars);
        // Targets and token ids are read as floats (as datasets deliver them).
        const yf = y.dtype === 'float32' ? y : tf.cast(y, 'float32');
        const xf = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
        const inputs: tf.NamedTensorMap = { x: xf, y: yf };
        // The dropouts' uniform draws, in the order of the layers, as tfjs's own dropout would make them.
        const [B, T] = x.shape;
        const draws = dropShapes(B, T).map(({ shape, seed }) => tf.randomUniform(shape, 0, 1, 'float32', seed));
        draws.forEach((u, j) => (inputs[`u${j}`] = u));
        order.forEach((k, i) => Object.assign(inputs, { [`value${i}`]: slots[k].value, [`m${i}`]: slots[k].m, [`s${i}`]: slots[k].s }));
        const attrs: StackStepAttrs = { ...adam.updateAttrs(order.length), ...fixed, clipNorm, maxLoss };
        const out = tf.engine().runKernel(STACK_STEP_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        const [loss, acc, normBefore, , applied] = out[0].dataSync();
        out[0].dispose();
        tf.dispose(draws);
        if (yf !== y) yf.dispose();
        if (xf !== x) xf.dispose();
        if (applied) {
          order.forEach((k, i) => {
            slots[k].value.assign(out[1 + 3 * i]);
            slots[k].m.assign(out[2 + 3 * i]);
            slots[k].s.assign(out[3 + 3 * i]);
          });
          tf.dispose(out.slice(1));
          adam.advance();
        }
        return {
          losses: [loss],
          total: loss,
          accuracy: withAccuracy ? [head === 'softmax' ? acc : Number.NaN] : null,
          normBefore,
          // The bound itself when clipped, as trainStep says it (the kernel's copy is its float32 rounding).
          normAfter: applied && clipNorm > 0 && normBefore > clipNorm ? clipNorm : normBefore,
          applied: applied === 1,
        };
      },
    },
  };
}
