import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import { headOfLoss } from '../compile/losses';
import { FUSED_ACTIVATIONS, fusedFlags, fusedRecurrentEnabled, fusedWholeStepEnabled, noteFused } from '../nodes/fused-rnn';
import { CELL_CLASSES, fusedAttrsOf, reasonNotFused, type RnnLike } from '../nodes/fused-rnn-call';
import type { BoundFields } from './bindings';
import { isFusedAdam } from './fused-adam';
import type { StepResult } from './step';
import { STEP_CELLS, WHOLE_STEP_KERNEL, type ProgramLoss, type ProgramOp, type ProgramTensor, type StepProgram, type WholeStepAttrs } from './step-kernels';

/**
 * The whole training step in one kernel call (electron/backend/fused/
 * step-kernel.ts runs it; the contract and the program are in
 * step-kernels.ts), for models made of the layers it knows: inputs of
 * vectors, sequences, token ids or images; Embedding, Flatten, Dense (any
 * fused activation), Dropout; LSTM, GRU and SimpleRNN layers that run fused
 * (bidirectional ones too, merged by concatenation), from zero or from
 * initial states that other layers give, handing on their states; and
 * softmax, sigmoid, linear or mdn heads, as many as the model has, trained with Adam
 * or SGD and clipped by one global norm or per group. It computes what `trainStep`
 * computes (the same losses, the same checks before any weight moves, the
 * same update and Adam slots, so checkpoints and resumes do not change),
 * without tfjs's tape and small ops around the kernels. Any other model
 * (another layer, dropout inside a cell, another optimizer, the browser's
 * backends) takes `trainStep`, and `wholeStep` says why.
 */

export interface WholeStep {
  step(xs: tf.Tensor[], ys: tf.Tensor[], clipNorm: number, withAccuracy: boolean, maxLoss: number): StepResult;
}

export type WholeStepPlan = { ok: true; plan: WholeStep } | { ok: false; reason: string };

/** A symbolic tensor as tfjs keeps it. */
interface SymbolicLike {
  shape: (number | null)[];
  sourceLayer: LayerLike;
}

interface LayerLike {
  name: string;
  getClassName(): string;
  inboundNodes: { inboundLayers: LayerLike[]; tensorIndices: number[] }[];
  outboundNodes: unknown[];
  batchInputShape?: (number | null)[];
  dtype?: string;
}

interface DenseLike extends LayerLike {
  units: number;
  activation: { getClassName(): string };
  kernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
}

interface EmbeddingLike extends LayerLike {
  embeddings: { read(): tf.Tensor };
  maskZero: boolean;
}

interface DropoutLike extends LayerLike {
  rate: number;
  noiseShape: number[] | null;
  seed?: number;
}

interface BidirectionalLike extends LayerLike {
  mergeMode: string | null;
  forwardLayer: RnnLike;
  backwardLayer: RnnLike;
  returnSequences: boolean;
  returnState: boolean;
}

const RECURRENT = ['LSTM', 'GRU', 'SimpleRNN'];

/** The heads whose loss the whole step computes, with the activation of their Dense layer. */
const HEAD_ACTIVATION = { softmax: 'softmax', sigmoid: 'sigmoid', linear: 'linear', mdn: 'linear' } as const;
type StepHead = keyof typeof HEAD_ACTIVATION;

/** What a tensor of the program holds: token ids, an image (to be flattened), or values. */
type Kind = 'ids' | 'image' | 'values';

class NotOne extends Error {}

/** A plan for `compiled`'s training steps, or why its steps take `trainStep`. */
export function wholeStep(compiled: CompiledModel, bound: BoundFields, vars: tf.Variable[], optimizer: tf.Optimizer, groups?: number[][]): WholeStepPlan {
  const no = (reason: string): WholeStepPlan => ({ ok: false, reason });
  if (!fusedRecurrentEnabled()) return no('the fused path is switched off');
  if (!fusedWholeStepEnabled()) return no('the whole step is switched off');
  if (!tf.getKernel(WHOLE_STEP_KERNEL, tf.getBackend())) return no(`the ${tf.getBackend()} backend has no whole-step kernel`);
  const update = updateOf(optimizer, vars);
  if (!update) return no(`the optimizer is not adam or sgd`);
  let program: StepProgram;
  let drawShapes: { time: number; width: number; seed?: number }[];
  try {
    ({ program, drawShapes } = programOf(compiled, bound, vars, groups));
  } catch (err) {
    if (err instanceof NotOne) return no(err.message);
    throw err;
  }
  const text = JSON.stringify(program);
  const heads = compiled.outputs.map((o) => o.head);

  return {
    ok: true,
    plan: {
      step(xs, ys, clipNorm, withAccuracy, maxLoss) {
        const B = xs[0].shape[0];
        // Inputs, targets and token ids are read as floats (as datasets deliver them).
        const asFloat = (t: tf.Tensor) => (t.dtype === 'float32' ? t : tf.cast(t, 'float32'));
        const made: tf.Tensor[] = [];
        const keep = (t: tf.Tensor, from: tf.Tensor) => (t !== from && made.push(t), t);
        const inputs: tf.NamedTensorMap = {};
        xs.forEach((x, k) => (inputs[`x${k}`] = keep(asFloat(x), x)));
        ys.forEach((y, i) => (inputs[`y${i}`] = keep(asFloat(y), y)));
        // The dropouts' uniform draws, in the order of the layers, as tfjs's own dropout would make them.
        drawShapes.forEach(({ time, width, seed }, j) => {
          const shape = time >= 0 ? [B, xs[time].shape[1] as number, width] : [B, width];
          inputs[`u${j}`] = keep(tf.randomUniform(shape, 0, 1, 'float32', seed), inputs.x0);
        });
        Object.assign(inputs, update.inputs());
        const attrs: WholeStepAttrs = { ...update.attrs(), program: text, clipNorm, maxLoss };
        const out = tf.engine().runKernel(WHOLE_STEP_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        const values = out[0].dataSync();
        tf.dispose([out[0], ...made]);
        const n = heads.length;
        const losses = Array.from(values.subarray(0, n));
        const [normBefore, normAfter, applied] = values.subarray(2 * n);
        if (applied) {
          update.apply(out.slice(1));
          tf.dispose(out.slice(1));
        }
        const oneGroup = program.groups.length <= 1;
        return {
          losses,
          total: losses.reduce((a, b) => a + b, 0),
          accuracy: withAccuracy ? heads.map((h, i) => (h === 'softmax' ? values[n + i] : Number.NaN)) : null,
          normBefore,
          // The bound itself when one global norm is clipped, as trainStep says it (the kernel's copy is its float32 rounding).
          normAfter: applied && clipNorm > 0 && oneGroup && normBefore > clipNorm ? clipNorm : normAfter,
          applied: applied === 1,
        };
      },
    },
  };
}

/** How the run's optimizer enters the kernel: its tensors, its attributes, and taking the kernel's results. */
interface Update {
  inputs(): tf.NamedTensorMap;
  attrs(): Omit<WholeStepAttrs, 'program' | 'clipNorm' | 'maxLoss'>;
  /** Assigns the new values (and slots), and moves the optimizer's counters on as its own step would. */
  apply(out: tf.Tensor[]): void;
}

/** tfjs's SGD as far as the step touches it (incrementIterations is protected in tfjs). */
interface SgdLike {
  learningRate: number;
  incrementIterations(): void;
}

/** The update of Seqwire's Adam or tfjs's SGD (plain gradient descent), or null for any other optimizer. */
function updateOf(optimizer: tf.Optimizer, vars: tf.Variable[]): Update | null {
  if (isFusedAdam(optimizer)) {
    return {
      // Adam's slots belong to the variables by their index in `vars`, as trainStep's update gives them.
      inputs: () => Object.fromEntries(optimizer.slotsFor(vars).flatMap((s, i) => [[`value${i}`, s.value], [`m${i}`, s.m], [`s${i}`, s.s]])),
      attrs: () => ({ optimizer: 'adam', ...optimizer.updateAttrs(vars.length) }),
      apply: (out) => {
        optimizer.slotsFor(vars).forEach((s, i) => {
          s.value.assign(out[3 * i]);
          s.m.assign(out[3 * i + 1]);
          s.s.assign(out[3 * i + 2]);
        });
        optimizer.advance();
      },
    };
  }
  if (Object.getPrototypeOf(optimizer) === tf.SGDOptimizer.prototype) {
    const sgd = optimizer as unknown as SgdLike;
    return {
      inputs: () => Object.fromEntries(vars.map((v, i) => [`value${i}`, v])),
      // tfjs multiplies by the float32 scalar -lr.
      attrs: () => ({ optimizer: 'sgd', count: vars.length, neglr: Math.fround(-sgd.learningRate), b1: 0, omb1: 0, b2: 0, omb2: 0, c1: 0, c2: 0, eps: 0 }),
      apply: (out) => {
        vars.forEach((v, i) => v.assign(out[i]));
        sgd.incrementIterations();
      },
    };
  }
  return null;
}

/** The program of a model, or NotOne saying which layer (or what else) the whole step does not take. */
function programOf(compiled: CompiledModel, bound: BoundFields, vars: tf.Variable[], groups?: number[][]) {
  const { model, outputs } = compiled;
  const tensors: ProgramTensor[] = [];
  const kinds: Kind[] = [];
  const ops: ProgramOp[] = [];
  const drawShapes: { time: number; width: number; seed?: number }[] = [];
  const ids = new Map<string, number>();
  const varIndex = (w: { read(): tf.Tensor }) => {
    const i = vars.indexOf(w.read() as tf.Variable);
    if (i < 0) throw new NotOne('a layer has weights the run does not train');
    return i;
  };
  const used = new Set<number>();
  const useVar = (w: { read(): tf.Tensor }) => {
    const i = varIndex(w);
    used.add(i);
    return i;
  };
  const tensor = (layer: LayerLike, index: number, t: ProgramTensor, kind: Kind) => {
    ids.set(`${layer.name}:${index}`, tensors.length);
    tensors.push(t);
    kinds.push(kind);
    return tensors.length - 1;
  };
  const headLayers = new Map(model.outputs.map((o, i) => [(o as unknown as SymbolicLike).sourceLayer, i]));

  for (const layer of model.layers as unknown as LayerLike[]) {
    const kind = layer.getClassName();
    if (layer.inboundNodes.length !== 1) throw new NotOne(`layer ${layer.name} is applied more than once`);
    const node = layer.inboundNodes[0];
    const ins = node.inboundLayers.map((l, j) => {
      const t = ids.get(`${l.name}:${node.tensorIndices[j]}`);
      if (t === undefined) throw new NotOne(`layer ${layer.name} reads a tensor the whole step does not make`);
      return t;
    });
    const values = (t: number) => {
      if (kinds[t] !== 'values') throw new NotOne(`layer ${layer.name} (${kind}) reads ${kinds[t] === 'ids' ? 'token ids' : 'an image'} directly`);
      return t;
    };
    const x = ins[0];
    switch (kind) {
      case 'InputLayer': {
        const input = model.inputLayers.indexOf(layer as unknown as tf.layers.Layer);
        const shape = layer.batchInputShape ?? [];
        const tokens = layer.dtype === 'int32';
        const dims = shape.slice(1);
        if (tokens && dims.length === 1) ops.push({ op: 'input', input, out: tensor(layer, 0, { time: input, width: 1 }, 'ids') });
        else if (!tokens && dims.length === 2) ops.push({ op: 'input', input, out: tensor(layer, 0, { time: input, width: dims[1]! }, 'values') });
        else if (!tokens && dims.length === 1) ops.push({ op: 'input', input, out: tensor(layer, 0, { time: -1, width: dims[0]! }, 'values') });
        else if (!tokens && dims.every((d) => d !== null)) ops.push({ op: 'input', input, out: tensor(layer, 0, { time: -1, width: dims.reduce((a, b) => a! * b!, 1)! }, 'image') });
        else throw new NotOne(`input ${layer.name} has a shape the whole step does not read`);
        break;
      }
      case 'Embedding': {
        if (kinds[x] !== 'ids') throw new NotOne(`layer ${layer.name} does not read token ids`);
        const e = layer as EmbeddingLike;
        const table = useVar(e.embeddings);
        const width = vars[table].shape[1] as number;
        ops.push({ op: 'embed', in: x, table, maskZero: e.maskZero, out: tensor(layer, 0, { time: tensors[x].time, width }, 'values') });
        break;
      }
      case 'Dense': {
        const d = layer as DenseLike;
        if (!d.bias) throw new NotOne(`layer ${layer.name} has no bias`);
        const activation = d.activation.getClassName();
        const headIndex = headLayers.get(layer);
        let code: number;
        if (headIndex !== undefined) {
          const own = headOfLoss(outputs[headIndex].loss);
          if (!own || own.head !== outputs[headIndex].head || !(own.head in HEAD_ACTIVATION)) throw new NotOne(`the ${outputs[headIndex].head} head's loss has no whole-step form`);
          if (HEAD_ACTIVATION[own.head as StepHead] !== activation || layer.outboundNodes.length > 0) throw new NotOne(`the head ${layer.name} is not a plain Dense ${own.head} layer`);
          code = -1;
        } else if (activation in FUSED_ACTIVATIONS) code = FUSED_ACTIVATIONS[activation];
        else throw new NotOne(`layer ${layer.name}'s activation ${activation} has no whole-step form`);
        const [kernel, bias] = [useVar(d.kernel), useVar(d.bias)];
        ops.push({ op: 'dense', in: values(x), kernel, bias, activation: code, out: tensor(layer, 0, { time: tensors[x].time, width: d.units }, 'values') });
        break;
      }
      case 'Dropout': {
        const d = layer as DropoutLike;
        if (d.noiseShape != null) throw new NotOne(`layer ${layer.name} has a noise shape`);
        const t = tensors[values(x)];
        // tfjs's Dropout passes its input on unchanged but for 0 < rate < 1.
        if (!(d.rate > 0 && d.rate < 1)) {
          ids.set(`${layer.name}:0`, x);
          break;
        }
        drawShapes.push({ time: t.time, width: t.width, seed: d.seed });
        ops.push({ op: 'dropout', in: x, keep: Math.fround(1 - d.rate), draw: drawShapes.length - 1, out: tensor(layer, 0, { ...t }, 'values') });
        break;
      }
      case 'Flatten': {
        const t = tensors[x];
        const shape = (node as unknown as { inputTensors: SymbolicLike[] }).inputTensors[0].shape;
        if (kinds[x] === 'ids' || shape.slice(1).some((d) => d === null)) throw new NotOne(`layer ${layer.name} flattens a tensor of unknown length`);
        const width = kinds[x] === 'image' ? t.width : shape.slice(1).reduce((a, b) => a! * b!, 1)!;
        ops.push({ op: 'flatten', in: x, out: tensor(layer, 0, { time: -1, width }, 'values') });
        break;
      }
      case 'ZerosLike':
        ops.push({ op: 'zeros', in: values(x), out: tensor(layer, 0, { ...tensors[x] }, 'values') });
        break;
      case 'Bidirectional':
      case 'LSTM':
      case 'GRU':
      case 'SimpleRNN': {
        const bi = kind === 'Bidirectional' ? (layer as BidirectionalLike) : null;
        if (bi && bi.mergeMode !== 'concat') throw new NotOne(`layer ${layer.name} merges its directions by ${bi.mergeMode}, not concat`);
        const dirs = bi ? [bi.forwardLayer, bi.backwardLayer] : [layer as unknown as RnnLike];
        const cell = CELL_CLASSES[dirs[0].cell.getClassName()];
        for (const d of dirs) {
          if (!RECURRENT.includes((d as unknown as LayerLike).getClassName()) || !cell) throw new NotOne(`layer ${layer.name} is not a plain recurrent layer`);
          const why = reasonNotFused(d, cell, { training: true });
          if (why) throw new NotOne(`layer ${layer.name}: ${why}`);
          if (!d.cell.useBias || !d.cell.bias) throw new NotOne(`layer ${layer.name} has no bias`);
        }
        const t = tensors[values(x)];
        if (t.time < 0) throw new NotOne(`layer ${layer.name} reads no sequence`);
        const initial = ins.slice(1).map(values);
        if (bi && (initial.length || bi.returnState)) throw new NotOne(`layer ${layer.name} is bidirectional with states in or out`);
        const units = dirs[0].cell.units;
        const sequences = bi ? bi.returnSequences : dirs[0].returnSequences;
        const out = [tensor(layer, 0, { time: sequences ? t.time : -1, width: dirs.length * units }, 'values')];
        if (!bi && dirs[0].returnState) {
          const states = cell === 'LSTM' ? 2 : 1;
          for (let s = 1; s <= states; s++) out.push(tensor(layer, s, { time: -1, width: units }, 'values'));
        }
        while (out.length < 3) out.push(-1);
        noteFused(layer.name);
        ops.push({
          op: 'rnn', cell: STEP_CELLS.indexOf(cell), units, in: x, initial, sequences, out,
          dirs: dirs.map((d) => ({ flags: fusedFlags(fusedAttrsOf(d)), kernel: useVar(d.cell.kernel), recurrent: useVar(d.cell.recurrentKernel), bias: useVar(d.cell.bias!) })),
        });
        break;
      }
      default:
        throw new NotOne(`layer ${layer.name} (${kind}) has no whole-step form`);
    }
  }
  if (used.size !== vars.length) throw new NotOne('the run trains variables outside the layers the whole step runs');
  const losses: ProgramLoss[] = model.outputs.map((o, i) => {
    const of = ids.get(`${(o as unknown as SymbolicLike).sourceLayer.name}:0`)!;
    const own = headOfLoss(outputs[i].loss)!;
    return { of, head: own.head as StepHead, sparse: bound.sparse[i], mixtures: own.mixtures, target: i };
  });
  return { program: { tensors, ops, losses, groups: groups && groups.length ? groups : [vars.map((_, i) => i)] }, drawShapes };
}
