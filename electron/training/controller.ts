import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchEvent, EpochEvent, ErrorEvent } from '../../core/train/events';
import { initialTrainState, trainReducer, type TrainState } from '../../core/train/state';
import { parseFromWorker, type FromWorker, type ToWorker, type TrainJob } from './messages';
import type { TrainingJob } from './run-job';

type Msg<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;
export type DoneMessage = Msg<'done'>;
export type StartedMessage = Msg<'started'>;
export type CheckpointMessage = Msg<'checkpoint'>;

/** The events a controller emits, by name. */
export interface ControllerEvents {
  started: StartedMessage;
  state: TrainState;
  progress: BatchEvent;
  epoch: EpochEvent;
  checkpoint: CheckpointMessage;
  done: DoneMessage;
  error: ErrorEvent;
  probe: Msg<'probe'>;
}
type Listener<K extends keyof ControllerEvents> = (event: ControllerEvents[K]) => void;

export interface ControllerOptions {
  /** Run the job on this thread instead of a worker (tests and tools that have no event loop to protect). */
  inProcess?: boolean;
  /** The worker script; by default the bundled `training-worker.cjs` beside this file, else the TypeScript sources through tsx. */
  workerPath?: string;
}

/**
 * Where the worker script is: the app bundle's `training-worker.cjs` or the
 * command line bundle's `training-worker.mjs` beside this code when it was
 * bundled, else `worker-entry.mjs`, which runs the sources through tsx.
 */
export function defaultWorkerPath(): string {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    const bundled = join(dirname(__filename), 'training-worker.cjs');
    if (existsSync(bundled)) return bundled;
  }
  const cliBundled = fileURLToPath(new URL('./training-worker.mjs', import.meta.url));
  if (existsSync(cliBundled)) return cliBundled;
  return fileURLToPath(new URL('./worker-entry.mjs', import.meta.url));
}

/**
 * Drives one training run at a time in a worker thread, for the host and the
 * command line: `start` resolves when the run ends (done or error); `pause`,
 * `resume` and `cancel` take effect within one batch; events arrive through
 * `on`. Messages from the worker are checked by schema; one that does not
 * parse ends the run as an error.
 */
export class TrainingController {
  private worker: Worker | null = null;
  private job: TrainingJob | null = null;
  private current: TrainState = initialTrainState;
  private listeners = new Map<keyof ControllerEvents, Set<(e: never) => void>>();
  private finish: ((end: DoneMessage | ErrorEvent) => void) | null = null;

  constructor(private readonly options: ControllerOptions = {}) {}

  get state(): TrainState {
    return this.current;
  }

  on<K extends keyof ControllerEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (e: never) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (e: never) => void);
  }

  /** Runs `job` to its end. Refuses while another run is going. */
  start(job: TrainJob): Promise<DoneMessage | ErrorEvent> {
    if (this.finish) return Promise.reject(new Error('a training run is already going; cancel it first'));
    const ended = new Promise<DoneMessage | ErrorEvent>((resolve) => (this.finish = resolve));
    // Until the worker reports, the run is compiling, by the same reducer the worker uses.
    this.current = trainReducer(initialTrainState, { type: 'start' });
    if (this.options.inProcess) {
      // Loaded on demand: the worker path never brings tfjs onto this thread.
      import('./run-job')
        .then(({ TrainingJob }) => {
          const j = new TrainingJob(job, (m) => this.receive(m));
          this.job = j;
          return j.run();
        })
        .catch((err: unknown) => this.receive({ type: 'error', message: `training stopped by an internal error: ${(err as Error).message}`, epoch: null, batch: null }))
        .finally(() => (this.job = null));
    } else {
      this.send({ type: 'start', job });
      // Keep the process alive while the run goes (an awaited promise alone does not).
      this.worker?.ref();
    }
    return ended;
  }

  pause(): void {
    this.control({ type: 'pause' });
  }

  resume(): void {
    this.control({ type: 'resume' });
  }

  cancel(): void {
    this.control({ type: 'cancel' });
  }

  /** One more batch (or the rest of the epoch) from a pause, then pause again. */
  step(step: 'batch' | 'epoch'): void {
    this.control({ type: 'step', step });
  }

  slowMotion(ms: number): void {
    this.control({ type: 'slowMotion', ms });
  }

  /** Probe this validation sample while training (null: stop). */
  watch(sample: number | null): void {
    this.control({ type: 'probe', sample });
  }

  /** Stops the worker thread (a run still going is cut off without a final checkpoint). */
  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private control(message: ToWorker): void {
    if (!this.finish) return;
    if (this.job) {
      if (message.type === 'pause') this.job.pause();
      else if (message.type === 'resume') this.job.resume();
      else if (message.type === 'cancel') this.job.cancel();
      else if (message.type === 'step') this.job.step(message.step);
      else if (message.type === 'slowMotion') this.job.slowMotion(message.ms);
      else if (message.type === 'probe') this.job.watch(message.sample);
      return;
    }
    this.send(message);
  }

  private send(message: ToWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath ?? defaultWorkerPath());
    worker.on('message', (data: unknown) => {
      let message: FromWorker;
      try {
        message = parseFromWorker(data);
      } catch (err) {
        this.receive({ type: 'error', message: (err as Error).message, epoch: null, batch: null });
        return;
      }
      this.receive(message);
    });
    worker.on('error', (err) => this.receive({ type: 'error', message: `the training worker failed: ${err.message}`, epoch: null, batch: null }));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.finish) this.receive({ type: 'error', message: `the training worker exited (code ${code}) before the run ended`, epoch: null, batch: null });
    });
    // The worker must not keep the process alive once nothing is training.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'state':
        this.current = message.state;
        return this.emit('state', message.state);
      case 'started':
        return this.emit('started', message);
      case 'progress':
        return this.emit('progress', { ...message, type: 'batch' });
      case 'epoch':
        return this.emit('epoch', message);
      case 'checkpoint':
        return this.emit('checkpoint', message);
      case 'probe':
        return this.emit('probe', message);
      case 'done':
      case 'error': {
        if (message.type === 'error') {
          const next = trainReducer(this.current, { type: 'failed', message: message.message });
          if (next !== this.current) {
            this.current = next;
            this.emit('state', next);
          }
        }
        if (message.type === 'done') this.emit('done', message);
        else this.emit('error', message);
        const finish = this.finish;
        this.finish = null;
        this.worker?.unref();
        finish?.(message);
        return;
      }
    }
  }

  private emit<K extends keyof ControllerEvents>(name: K, event: ControllerEvents[K]): void {
    for (const l of this.listeners.get(name) ?? []) (l as Listener<K>)(event);
  }
}
