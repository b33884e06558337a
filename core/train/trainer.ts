import * as tf from '@tensorflow/tfjs';
import type { CompiledModel } from '../compile/types';
import type { Dataset } from '../data/types';
import { noteWholeStep } from '../nodes/fused-rnn';
import { mixSeed } from '../random';
import { batchesOf, epochOrder, splitDataset } from '../data/split';
import { batchTensors, bindFields, boundFieldNames, type BoundFields } from './bindings';
import { makeCheckpoint, restoreCheckpoint, type Checkpoint, type PartialEpoch } from './checkpoint';
import type { DoneEvent, EpochEvent, ErrorEvent, TrainEvent } from './events';
import { gradientFlow } from './gradient-flow';
import { byNode, WeightedMeans } from './metrics';
import { clipGroups } from './clip';
import { makeOptimizer } from './optimizer';
import type { TrainOptions } from './options';
import { Rng, withSeededRandom } from './random';
import { initialTrainState, trainReducer, type TrainAction, type TrainState } from './state';
import { wholeStep } from './whole-step';
import { evaluate, trainStep } from './step';

/** What to train: a compiled graph, its data, how fields bind to nodes, and the options. */
export interface TrainSetup {
  compiled: CompiledModel;
  dataset: Dataset;
  /** Input and Output node id -> dataset field. */
  bindings: Record<string, string>;
  options: TrainOptions;
  /** The graph's node ids, so gradient flow is reported by node. */
  nodeIds?: readonly string[];
  /** Go on from this checkpoint instead of from epoch 1. */
  resumeFrom?: Checkpoint;
}

export interface TrainHooks {
  onEvent?(event: TrainEvent): void;
  onState?(state: TrainState): void;
  /** Awaited at every epoch end and on cancel, so the checkpoint is stored before the run goes on. */
  onCheckpoint?(checkpoint: Checkpoint): Promise<void> | void;
  /** Gives the host a turn between batches (to receive pause and cancel); defaults to a macrotask. */
  yieldToHost?(): Promise<void>;
}

/** A loss this many times its first value, though finite, ends the run as diverged (the same cure as a NaN). */
export const DIVERGENCE_FACTOR = 1e6;

type Timers = { setImmediate?: (f: () => void) => unknown; setTimeout?: (f: () => void, ms: number) => unknown };

/** A macrotask turn: `setImmediate` where there is one (Node), else `setTimeout(0)`. */
export function nextTurn(): Promise<void> {
  const g = globalThis as Timers;
  return new Promise((resolve) => {
    if (g.setImmediate) g.setImmediate(resolve);
    else if (g.setTimeout) g.setTimeout(resolve, 0);
    else resolve();
  });
}

/**
 * The training loop (a custom loop rather than `model.fit`, so it can clip,
 * measure gradient flow, and pause or cancel between any two batches).
 * `run()` never throws: it ends with a `done` or an `error` event.
 */
export class Trainer {
  private current: TrainState = initialTrainState;
  private wake: (() => void) | null = null;
  /** Batches still to run before the run pauses by itself, or 'epoch': to the end of this epoch. Null: no step is under way. */
  private stepping: number | 'epoch' | null = null;

  constructor(
    private readonly setup: TrainSetup,
    private readonly hooks: TrainHooks = {},
  ) {}

  get state(): TrainState {
    return this.current;
  }

  pause(): void {
    this.dispatch({ type: 'pause' });
  }

  resume(): void {
    this.dispatch({ type: 'resume' });
    this.wakeUp();
  }

  cancel(): void {
    this.dispatch({ type: 'cancel' });
    this.wakeUp();
  }

  /**
   * Training one step at a time, for teaching: runs one more batch (or the
   * rest of this epoch) and pauses again. Given before `run()`, the run
   * pauses after its first step.
   */
  step(amount: 'batch' | 'epoch'): void {
    this.stepping = amount === 'batch' ? 1 : 'epoch';
    this.resume();
  }

  /** After a batch (or at an epoch's end): pauses when the step asked for is done. */
  private stepped(epochEnd: boolean): void {
    const s = this.stepping;
    if (s === null) return;
    if (epochEnd ? s === 'epoch' : typeof s === 'number' && s <= 1) {
      this.stepping = null;
      this.pause();
    } else if (!epochEnd && typeof s === 'number') this.stepping = s - 1;
  }

  async run(): Promise<DoneEvent | ErrorEvent> {
    const started = Date.now();
    let at = { epoch: null as number | null, batch: null as number | null };
    this.dispatch({ type: 'start' });
    const optimizer = makeOptimizer(this.setup.options.optimizer);
    try {
      const { compiled, dataset, bindings } = this.setup;
      const bind = bindFields(compiled, dataset, bindings);
      if (!bind.ok) return this.fail(bind.message, null, null);
      return await this.loop(bind.bound, optimizer, started, (epoch, batch) => (at = { epoch, batch }));
    } catch (err) {
      const where = at.epoch === null ? '' : ` at epoch ${at.epoch}, batch ${at.batch}`;
      return this.fail(`training failed${where}: ${(err as Error).message}`, at.epoch, at.batch);
    } finally {
      optimizer.dispose();
    }
  }

  private async loop(bound: BoundFields, optimizer: tf.Optimizer, started: number, mark: (epoch: number, batch: number) => void): Promise<DoneEvent | ErrorEvent> {
    const { compiled, dataset, options, nodeIds = [] } = this.setup;
    const { model, outputs } = compiled;
    const ids = outputs.map((o) => o.nodeId);
    const split = splitDataset(dataset, options.validationSplit, options.seed);
    if (split.train.length === 0) return this.fail(`dataset "${dataset.name}" has no training samples (size ${dataset.size}, validationSplit ${options.validationSplit})`, null, null);
    const rng = new Rng(mixSeed(options.seed, 3));
    const { history, first, partial, ...resumed } = await this.startingPoint(optimizer, rng);
    let firstLoss = resumed.firstLoss;
    this.dispatch({ type: 'compiled' });
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const groups = clipGroups(model, options.clipPer);
    // A model of the layers the whole step knows trains in one kernel call a step; any other in tfjs ops.
    const whole = wholeStep(compiled, bound, vars, optimizer, groups);
    noteWholeStep(whole.ok ? 'one kernel call' : `tfjs (${whole.reason})`);
    const fields = boundFieldNames(bound);
    const batchesPerEpoch = Math.ceil(split.train.length / options.batchSize);
    const totalBatches = batchesPerEpoch * (options.epochs - first + 1) - (partial?.batches ?? 0);
    const hasVal = split.validation.length > 0;
    const probe = (hasVal ? split.validation : split.train).slice(0, Math.min(options.batchSize, 64));
    let batchesDone = 0;
    const trainStart = Date.now();
    const eta = () => (batchesDone > 0 ? ((Date.now() - trainStart) / 1000 / batchesDone) * (totalBatches - batchesDone) : 0);
    const checkpoint = async (completed: number, within?: PartialEpoch) => {
      if (this.hooks.onCheckpoint) await this.hooks.onCheckpoint({ ...(await makeCheckpoint(model, optimizer, completed, rng.getState(), history, within)), ...(firstLoss !== null ? { firstLoss } : {}) });
    };

    // The flow at the fresh weights, before any update: what the initialisation alone lets through.
    let initialFlow = options.gradientFlow && first === 1 ? this.measureFlow(bound, probe, nodeIds) : null;
    for (let epoch = first; epoch <= options.epochs; epoch++) {
      const epochStart = Date.now();
      const order = options.shuffle ? epochOrder(split.train, options.seed, epoch) : split.train;
      // A checkpoint from inside this epoch goes on after its batches, with its running means.
      const within = epoch === first ? partial : undefined;
      const losses = WeightedMeans.from(outputs.length, within?.losses);
      const accs = WeightedMeans.from(outputs.length, within?.accuracy);
      const norms = WeightedMeans.from(2, within?.norms);
      const here = (batches: number): PartialEpoch => ({ batches, losses: losses.snapshot(), accuracy: accs.snapshot(), norms: norms.snapshot() });
      let b = 0;
      for (const idx of batchesOf(order, options.batchSize)) {
        b++;
        if (within && b <= within.batches) continue;
        mark(epoch, b);
        await this.gate();
        if (this.current.status === 'stopped') return this.stopCancelled(() => checkpoint(epoch - 1, here(b - 1)), epoch - 1, history, started);
        const bound_ = firstLoss === null ? Number.POSITIVE_INFINITY : DIVERGENCE_FACTOR * Math.max(Math.abs(firstLoss), 1e-6);
        const r = withSeededRandom(rng, () => {
          const { xs, ys } = batchTensors(bound, dataset.batch(idx, fields));
          try {
            return whole.ok
              ? whole.plan.step(xs, ys, options.clipNorm, !hasVal, bound_)
              : trainStep(compiled, bound, vars, optimizer, xs, ys, options.clipNorm, !hasVal, bound_, groups);
          } finally {
            tf.dispose([...xs, ...ys]);
          }
        });
        if (!r.applied) {
          // The step was not applied: the model holds the weights of the batch before, and the checkpoint keeps them.
          const kept = batchesDone > 0 || history.length > 0 || (within?.batches ?? 0) > 0;
          if (kept) await checkpoint(epoch - 1, here(b - 1));
          const { message, kind } = lossFailure(r, firstLoss, options, kept, `at epoch ${epoch}, batch ${b}`);
          return this.fail(message, epoch, b, kind);
        }
        if (firstLoss === null) firstLoss = r.total;
        batchesDone++;
        losses.add(r.losses, idx.length);
        if (r.accuracy) accs.add(r.accuracy, idx.length);
        norms.add([r.normBefore, r.normAfter], 1);
        this.dispatch({ type: 'progress', epoch, batch: b });
        this.emit({
          type: 'batch', epoch, batch: b, batches: batchesPerEpoch, loss: r.total,
          losses: byNode(ids, r.losses),
          samplesPerSec: losses.count / Math.max(1e-3, (Date.now() - epochStart) / 1000),
          etaSec: eta(),
        });
        this.stepped(false);
      }
      const trainSec = (Date.now() - epochStart) / 1000;
      const val = hasVal ? evaluate(compiled, bound, dataset, split.validation, Math.max(options.batchSize, 256)) : null;
      const flow = options.gradientFlow ? this.measureFlow(bound, probe, nodeIds) : [];
      const event = epochEvent(compiled, { epoch, epochs: options.epochs, losses, accs, norms, val, flow }, {
        elapsedSec: (Date.now() - started) / 1000,
        etaSec: eta(),
        samplesPerSec: order.length / Math.max(1e-3, trainSec),
        ...(initialFlow ? { initialGradientFlow: initialFlow } : {}),
      });
      initialFlow = null;
      history.push(event);
      this.emit(event);
      await checkpoint(epoch);
      this.stepped(true);
    }
    return this.finish('completed', history, started);
  }

  /** Where the run starts: epoch 1, or after the checkpoint it resumes from (weights, optimizer and random state restored). */
  private async startingPoint(optimizer: tf.Optimizer, rng: Rng): Promise<{ history: EpochEvent[]; first: number; partial?: PartialEpoch; firstLoss: number | null }> {
    const cp = this.setup.resumeFrom;
    if (!cp) return { history: [], first: 1, firstLoss: null };
    await restoreCheckpoint(this.setup.compiled.model, optimizer, cp);
    rng.setState(cp.rngState);
    return { history: [...cp.history], first: cp.epoch + 1, partial: cp.partial, firstLoss: cp.firstLoss ?? null };
  }

  private measureFlow(bound: BoundFields, probe: Int32Array, nodeIds: readonly string[]) {
    const { compiled, dataset } = this.setup;
    const { xs, ys } = batchTensors(bound, dataset.batch(probe, boundFieldNames(bound)));
    try {
      return gradientFlow(compiled, xs, ys, nodeIds);
    } finally {
      tf.dispose([...xs, ...ys]);
    }
  }

  /** Waits here while paused; gives the host a turn either way. */
  private async gate(): Promise<void> {
    await (this.hooks.yieldToHost ?? nextTurn)();
    while (this.current.status === 'paused') {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Cancel: keep the weights of the last finished batch in a checkpoint that says how far into the epoch it is; a resume goes on from the next batch. */
  private async stopCancelled(save: () => Promise<void>, completed: number, history: EpochEvent[], started: number): Promise<DoneEvent> {
    await save();
    this.dispatch({ type: 'cancelled', epoch: completed });
    return this.finish('cancelled', history, started);
  }

  private finish(reason: DoneEvent['reason'], history: EpochEvent[], started: number): DoneEvent {
    const last = history.at(-1);
    if (reason === 'completed') this.dispatch({ type: 'finished', epochs: history.length });
    const done: DoneEvent = {
      type: 'done', reason, epochs: last?.epoch ?? 0,
      loss: last?.loss ?? null, valLoss: last?.valLoss ?? null,
      elapsedSec: (Date.now() - started) / 1000,
      backend: tf.getBackend(),
    };
    this.emit(done);
    return done;
  }

  private fail(message: string, epoch: number | null, batch: number | null, kind: 'failed' | 'diverged' = 'failed'): ErrorEvent {
    this.dispatch({ type: 'failed', message });
    const e: ErrorEvent = { type: 'error', message, epoch, batch, ...(kind === 'diverged' ? { kind } : {}) };
    this.emit(e);
    return e;
  }

  private dispatch(action: TrainAction): void {
    const next = trainReducer(this.current, action);
    if (next === this.current) return;
    this.current = next;
    this.hooks.onState?.(next);
  }

  private emit(e: TrainEvent): void {
    this.hooks.onEvent?.(e);
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Why a step was refused, said for the user: the loss diverged (finite but
 * huge) or became NaN or infinite, where, what was kept, and what to try.
 */
function lossFailure(r: { total: number; normBefore: number }, firstLoss: number | null, options: TrainOptions, kept: boolean, where: string): { message: string; kind: 'diverged' | 'failed' } {
  const finite = Number.isFinite(r.total) && Number.isFinite(r.normBefore);
  const what = finite
    ? `diverged (${r.total.toPrecision(3)}, more than ${DIVERGENCE_FACTOR.toExponential(0)} times its first value ${firstLoss!.toPrecision(3)})`
    : Number.isNaN(r.total) || Number.isNaN(r.normBefore) ? 'became NaN' : 'became infinite';
  const lr = options.optimizer.learningRate;
  const cure = options.clipNorm > 0 ? `a lower clipNorm (now ${options.clipNorm}) or a lower learning rate (now ${lr})` : `clipNorm (e.g. 1.0) or a lower learning rate (now ${lr})`;
  const weights = kept ? 'the weights are kept from the batch before' : 'no weights were kept: it failed at the first batch';
  return { message: `the loss ${what} ${where}; ${weights}. Try ${cure}.`, kind: finite ? 'diverged' : 'failed' };
}

/** The epoch's event from its running means, its validation and its gradient flow. */
function epochEvent(
  { outputs }: CompiledModel,
  e: { epoch: number; epochs: number; losses: WeightedMeans; accs: WeightedMeans; norms: WeightedMeans; val: ReturnType<typeof evaluate> | null; flow: EpochEvent['gradientFlow'] },
  timing: Pick<EpochEvent, 'elapsedSec' | 'etaSec' | 'samplesPerSec' | 'initialGradientFlow'>,
): EpochEvent {
  const ids = outputs.map((o) => o.nodeId);
  const { val } = e;
  const accuracy = val ? val.accuracy : e.accs.means();
  const trainLosses = e.losses.means();
  const [normBefore, normAfter] = e.norms.means();
  return {
    type: 'epoch', epoch: e.epoch, epochs: e.epochs,
    loss: sum(trainLosses),
    valLoss: val ? sum(val.losses) : null,
    losses: byNode(ids, trainLosses),
    valLosses: val ? byNode(ids, val.losses) : null,
    accuracy: byNode(ids, outputs.map((o, i) => (o.head === 'softmax' ? accuracy[i] : undefined))),
    ...timing,
    gradNorm: { before: normBefore, after: normAfter },
    gradientFlow: e.flow,
  };
}
