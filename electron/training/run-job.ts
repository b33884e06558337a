import { CompileError } from '../../core/compile/compile';
import { loadDataset } from '../../core/data/load';
import { modelToFiles } from '../../core/export/tfjs-files';
import { loadGraph, saveGraph } from '../../core/graph/load';
import type { Checkpoint } from '../../core/train/checkpoint';
import { resolveTrainOptions } from '../../core/train/options';
import type { RunSettings, RunStatus } from '../../core/run/layout';
import type { TrainOptions } from '../../core/train/options';
import { initialTrainState, trainReducer, type TrainAction, type TrainState } from '../../core/train/state';
import { compileSeeded } from '../../core/train/train-graph';
import { nextTurn, Trainer } from '../../core/train/trainer';
import { BackendError, currentBackend, selectBackend } from '../backend/select';
import { nodeDataHost } from '../data/node-data-host';
import { LiveProbe } from './live-probe';
import type { FromWorker, TrainJob } from './messages';
import { makeRunFolder, MetricsWriter, pathExists, sweepTemps, readLatestCheckpoint, updateRunNote, writeCheckpoint, writeModelFiles, writeRunGraph } from '../run-store';

/** The least time between two progress messages to the main thread. */
const PROGRESS_MS = 50;

/** The settings of a run as its note keeps them (for the runs table and its diffs). */
function settingsOf(options: TrainOptions, backend: string): RunSettings {
  return {
    optimizer: options.optimizer.type,
    learningRate: options.optimizer.learningRate,
    batchSize: options.batchSize,
    epochs: options.epochs,
    seed: options.seed,
    clipNorm: options.clipNorm,
    validationSplit: options.validationSplit,
    backend,
  };
}

/**
 * One training run from a job to its files: backend, graph, dataset, compile,
 * train, write. It is what the worker thread runs, and it runs in-process too
 * (tests, tools). Every user mistake ends as an `error` message with the
 * reason; nothing here throws at the caller. The run's note (run.json) says
 * how it stands: running, done, cancelled, failed or diverged; a failed run
 * keeps the weights of its last good batch when it had any, and says so.
 */
export class TrainingJob {
  private trainer: Trainer | null = null;
  private cancelled = false;
  private live: LiveProbe | null = null;
  private slowMs: number;
  private probeSample: number | null;

  constructor(
    private readonly job: TrainJob,
    private readonly post: (message: FromWorker) => void,
  ) {
    this.slowMs = job.slowMotionMs ?? 0;
    this.probeSample = job.probeSample ?? null;
  }

  pause(): void {
    this.trainer?.pause();
  }

  resume(): void {
    this.trainer?.resume();
  }

  step(step: 'batch' | 'epoch'): void {
    this.trainer?.step(step);
  }

  slowMotion(ms: number): void {
    this.slowMs = ms;
  }

  watch(sample: number | null): void {
    this.probeSample = sample;
    this.live?.watch(sample);
  }

  cancel(): void {
    this.cancelled = true;
    this.trainer?.cancel();
  }

  async run(): Promise<void> {
    const { job } = this;
    let current: TrainState = initialTrainState;
    const state = (s: TrainState) => {
      current = s;
      this.post({ type: 'state', state: s });
    };
    // The job's own steps (before and after the trainer's loop) go through the same reducer as the trainer's.
    const act = (a: TrainAction) => {
      const next = trainReducer(current, a);
      if (next !== current) state(next);
    };
    const note = (status: RunStatus, message?: string) => updateRunNote(job.outDir, { status, ...(message ? { message } : {}) }).catch(() => undefined);
    let folder = false;
    const fail = async (message: string) => {
      act({ type: 'failed', message });
      // The host may have made the folder (and its note) before the job began.
      if (folder || (await pathExists(job.outDir))) await note('failed', `${message} It kept no weights.`);
      this.post({ type: 'error', message, epoch: null, batch: null });
    };
    act({ type: 'start' });
    try {
      await selectBackend(job.backend);
    } catch (err) {
      if (err instanceof BackendError) return fail(err.message);
      throw err;
    }
    const loaded = loadGraph(job.graph);
    if (!loaded.ok) return fail(`the graph cannot be read: ${loaded.error}`);
    const graph = loaded.graph;
    const training = graph.training;
    if (!training?.dataset) return fail('the graph has no training.dataset: choose a dataset (a built-in or a file) before training');
    if (!training.bindings) return fail('the graph has no training.bindings: bind each input and Output node to a dataset field');
    const ref = 'file' in training.dataset && job.datasetFile ? { ...training.dataset, file: job.datasetFile } : training.dataset;
    const data = await loadDataset(ref, nodeDataHost(job.baseDir));
    if (!data.ok) return fail(`dataset: ${data.issue.message}`);
    const options = resolveTrainOptions(training, { ...(job.epochs ? { epochs: job.epochs } : {}), ...(job.gradientFlow === false ? { gradientFlow: false } : {}) });
    let compiled;
    try {
      compiled = compileSeeded(graph, options.seed);
    } catch (err) {
      if (err instanceof CompileError) return fail(err.message);
      throw err;
    }
    let resumeFrom: Checkpoint | null = null;
    if (job.resumeFrom) {
      try {
        resumeFrom = await readLatestCheckpoint(job.resumeFrom);
      } catch (err) {
        return fail(`the checkpoint in ${job.resumeFrom} cannot be read: ${(err as Error).message}`);
      }
      if (!resumeFrom) return fail(`${job.resumeFrom} has no checkpoint to resume from`);
    }
    await makeRunFolder(job.outDir);
    folder = true;
    // What a killed write of an earlier session left (a resumed run's folder) goes before anything is written.
    await sweepTemps(job.outDir);
    await updateRunNote(job.outDir, { startedAt: new Date().toISOString(), status: 'running', backend: currentBackend(), pid: process.pid, settings: settingsOf(options, currentBackend()) });
    await writeRunGraph(job.outDir, saveGraph(graph));
    const metrics = new MetricsWriter(job.outDir, resumeFrom?.history ?? []);
    this.post({ type: 'started', backend: currentBackend(), resumedFromEpoch: resumeFrom?.epoch ?? null, trainSize: data.dataset.size, notes: data.dataset.notes });
    if (this.cancelled) {
      act({ type: 'cancel' });
      await note('cancelled');
      this.post({ type: 'done', reason: 'cancelled', epochs: resumeFrom?.epoch ?? 0, loss: null, valLoss: null, elapsedSec: 0, backend: currentBackend(), outDir: job.outDir });
      return;
    }
    // A small model runs hundreds of batches a second; the main thread and the
    // window need a few updates a second, so progress is thinned to one per
    // PROGRESS_MS (always the first and last batch of an epoch), and the state
    // is sent when its status changes or with a progress message.
    let lastProgress = 0;
    let lastState: TrainState = current;
    // The newest checkpoint's model: what a failed run keeps (weights and metrics of the same batch).
    let lastGood: Checkpoint | null = resumeFrom;
    const live = new LiveProbe({ compiled, graph, dataset: data.dataset }, this.probeSample, (p) =>
      this.post('error' in p ? { type: 'probe', probe: null, error: p.error } : { type: 'probe', probe: p }),
    );
    this.live = live;
    const trainer = new Trainer(
      { compiled, dataset: data.dataset, bindings: training.bindings, options, nodeIds: graph.nodes.map((n) => n.id), ...(resumeFrom ? { resumeFrom } : {}) },
      {
        onState: (s) => {
          // Only a running state changes every batch; any other change is news.
          if (s.status !== lastState.status || s.status !== 'running') state(s);
          // A pause (after a step) shows at once what the weights are now.
          if (s.status === 'paused' && lastState.status !== 'paused') live.now();
          lastState = s;
        },
        // Slow motion: a wait after every batch, so each change can be watched.
        yieldToHost: () => (this.slowMs > 0 ? new Promise((resolve) => setTimeout(resolve, this.slowMs)) : nextTurn()),
        onEvent: (e) => {
          if (e.type === 'batch') {
            live.afterBatch();
            const now = Date.now();
            if (now - lastProgress < PROGRESS_MS && e.batch !== 1 && e.batch !== e.batches) return;
            lastProgress = now;
            state(lastState);
            this.post({ ...e, type: 'progress' });
          } else if (e.type === 'epoch') {
            metrics.append(e);
            this.post(e);
          }
        },
        onCheckpoint: async (cp) => {
          lastGood = cp;
          const dir = await writeCheckpoint(job.outDir, cp);
          this.post({ type: 'checkpoint', epoch: cp.epoch, dir });
        },
      },
    );
    this.trainer = trainer;
    if (job.step) trainer.step(job.step);
    try {
      const end = await trainer.run();
      if (end.type === 'error') {
        const good = lastGood as Checkpoint | null;
        if (good) await writeModelFiles(job.outDir, good.model);
        const at = good ? `epoch ${good.epoch}${good.partial ? ` and ${good.partial.batches} batches of epoch ${good.epoch + 1}` : ''}` : '';
        const kept = good ? `The run keeps the weights of its last good batch (after ${at}).` : 'It kept no weights.';
        await note(end.kind === 'diverged' ? 'diverged' : 'failed', `${end.message} ${kept}`);
        this.post(end);
        return;
      }
      // On cancel the model holds the weights of the last finished batch, the same the cancel checkpoint holds.
      await writeModelFiles(job.outDir, await modelToFiles(compiled.model));
      await note(end.reason === 'completed' ? 'done' : 'cancelled');
      this.post({ ...end, backend: currentBackend(), outDir: job.outDir });
    } finally {
      this.trainer = null;
      this.live = null;
      compiled.model.dispose();
    }
  }
}
