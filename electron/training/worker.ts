import { platform, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { initialTrainState, trainReducer } from '../../core/train/state';
import { parseToWorker, type FromWorker } from './messages';
import { TrainingJob } from './run-job';

/**
 * The training worker thread: training never runs on the main process's
 * event loop or in the window. It speaks the union of `messages.ts`; an
 * unknown message is answered with an `error` and then thrown, as a bug.
 */
const port = parentPort;
if (!port) throw new Error('electron/training/worker.ts runs as a worker thread (see controller.ts)');

const post = (message: FromWorker) => port.postMessage(message);

// On Linux a nice value belongs to one thread, and pid 0 names the calling
// one: the training thread gives way to the main thread (and the window) when
// cores are scarce. Elsewhere it would lower the whole app, so it stays as is.
if (platform() === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted in some sandboxes; training just runs at normal priority.
  }
}
let job: TrainingJob | null = null;

port.on('message', (data: unknown) => {
  let message;
  try {
    message = parseToWorker(data);
  } catch (err) {
    post({ type: 'error', message: (err as Error).message, epoch: null, batch: null });
    throw err;
  }
  switch (message.type) {
    case 'start': {
      if (job) {
        post({ type: 'error', message: 'a run is already going in this worker; cancel it first', epoch: null, batch: null });
        return;
      }
      const current = new TrainingJob(message.job, post);
      job = current;
      current
        .run()
        .catch((err: unknown) => {
          // A bug, not a user mistake: report it and keep the worker usable.
          const text = err instanceof Error ? err.message : String(err);
          // The job was going when the bug struck: fail it through the one training state machine.
          post({ type: 'state', state: trainReducer(trainReducer(initialTrainState, { type: 'start' }), { type: 'failed', message: text }) });
          post({ type: 'error', message: `training stopped by an internal error: ${text}`, epoch: null, batch: null });
        })
        .finally(() => {
          if (job === current) job = null;
        });
      return;
    }
    case 'pause':
      return job?.pause();
    case 'resume':
      return job?.resume();
    case 'cancel':
      return job?.cancel();
    case 'step':
      return job?.step(message.step);
    case 'slowMotion':
      return job?.slowMotion(message.ms);
    case 'probe':
      return job?.watch(message.sample);
  }
});

post({ type: 'ready' });
