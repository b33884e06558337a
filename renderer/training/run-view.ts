import type { BatchEvent, DoneEvent, EpochEvent } from '../../core/train/events';
import { initialTrainState, trainReducer, type TrainState } from '../../core/train/state';

/** What the training panel shows of one run, folded from the host's events by one pure function. */
export interface RunView {
  runId: string | null;
  state: TrainState;
  /** The latest batch: progress, samples/s, ETA. */
  batch: BatchEvent | null;
  /** Batch losses as (fractional epoch, loss), the live curve. */
  batchLoss: { x: number[]; y: number[] };
  epochs: EpochEvent[];
  done: DoneEvent | null;
  error: string | null;
}

export const emptyRun: RunView = { runId: null, state: initialTrainState, batch: null, batchLoss: { x: [], y: [] }, epochs: [], done: null, error: null };

/** A run that was just asked for: compiling, by the one training state machine. */
const starting = trainReducer(initialTrainState, { type: 'start' });

export type RunEvent =
  /** Train was pressed: the run has no id until the host answers, and its first events may come before. */
  | { type: 'starting' }
  | { type: 'started'; runId: string }
  | { type: 'state'; runId: string; state: TrainState }
  | { type: 'progress'; runId: string; event: BatchEvent }
  | { type: 'epoch'; runId: string; event: EpochEvent }
  | { type: 'done'; runId: string; event: DoneEvent }
  | { type: 'error'; runId: string | null; message: string };

/** Longest live curve kept; older points are thinned, so a long run never slows the chart. */
export const MAX_BATCH_POINTS = 4000;

export function reduceRun(view: RunView, e: RunEvent): RunView {
  if (e.type === 'starting') return { ...emptyRun, state: starting };
  if (e.type === 'started') return view.runId === e.runId ? view : view.runId === null && view.state.status !== 'idle' ? { ...view, runId: e.runId } : { ...emptyRun, runId: e.runId, state: starting };
  // Events of another run (an old one finishing late) do not touch this one.
  if (e.runId !== null && view.runId !== null && e.runId !== view.runId) return view;
  // A run that is starting adopts the id its first event carries.
  if (e.runId !== null && view.runId === null) {
    if (view.state.status === 'idle') return view;
    view = { ...view, runId: e.runId };
  }
  switch (e.type) {
    case 'state':
      return { ...view, state: e.state, error: e.state.status === 'failed' ? e.state.message : view.error };
    case 'progress': {
      const x = e.event.epoch - 1 + e.event.batch / e.event.batches;
      let { x: xs, y: ys } = view.batchLoss;
      if (xs.length >= MAX_BATCH_POINTS) {
        xs = xs.filter((_, i) => i % 2 === 0);
        ys = ys.filter((_, i) => i % 2 === 0);
      }
      return { ...view, batch: e.event, batchLoss: { x: [...xs, x], y: [...ys, e.event.loss] } };
    }
    case 'epoch':
      return { ...view, epochs: [...view.epochs, e.event] };
    // The host's state events usually said it first; the reducer makes a late or missed one harmless.
    case 'done':
      return { ...view, done: e.event, state: trainReducer(view.state, e.event.reason === 'completed' ? { type: 'finished', epochs: e.event.epochs } : { type: 'cancelled', epoch: e.event.epochs }) };
    case 'error':
      return { ...view, error: e.message, state: trainReducer(view.state, { type: 'failed', message: e.message }) };
  }
}

/** Fraction of the whole run done, 0 to 1, from the latest batch. */
export function progressOf(view: RunView, totalEpochs: number): number {
  if (view.state.status === 'done') return 1;
  const b = view.batch;
  if (!b) return 0;
  return Math.min(1, (b.epoch - 1 + b.batch / b.batches) / Math.max(1, totalEpochs));
}

export function formatEta(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '—';
  if (sec < 60) return `${Math.round(sec)} s`;
  if (sec < 3600) return `${Math.floor(sec / 60)} min ${Math.round(sec % 60)} s`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

/** What to tell the user to change for the usual failures; the host's message stays first. */
export function adviceFor(message: string): string | null {
  if (/nan|not a number|infinit|diverged/i.test(message)) return 'Lower the learning rate, or set clipNorm (1.0 is a good start) to tame exploding gradients.';
  if (/not bound|binding/i.test(message)) return 'Bind every input and Output node to a field of the dataset in Bindings above.';
  if (/but field|learns targets|expects|shape|fit/i.test(message)) return 'In Bindings above, choose a field whose shape matches (marked ✓), or change the node params (timesteps, features, units) to the field.';
  if (/memory|oom|allocate/i.test(message)) return 'Lower the batch size or the number of units.';
  return null;
}
