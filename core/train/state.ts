/**
 * A training run as one state machine with a pure reducer (shared/style.md:
 * long work is a state machine). The worker, the host and the window all
 * derive what to show and what is allowed from the same function.
 */
export type TrainState =
  | { status: 'idle' }
  | { status: 'compiling' }
  | { status: 'running'; epoch: number; batch: number }
  | { status: 'paused'; epoch: number; batch: number }
  | { status: 'stopped'; epoch: number }
  | { status: 'failed'; message: string }
  | { status: 'done'; epochs: number };

export type TrainStatus = TrainState['status'];

/** What can happen to a run: requests of the user and reports of the loop. */
export type TrainAction =
  | { type: 'start' }
  | { type: 'compiled' }
  | { type: 'progress'; epoch: number; batch: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'finished'; epochs: number }
  | { type: 'cancelled'; epoch: number }
  | { type: 'failed'; message: string };

export const initialTrainState: TrainState = { status: 'idle' };

/** States from which a new run may start. */
export function canStart(state: TrainState): boolean {
  return state.status === 'idle' || state.status === 'stopped' || state.status === 'failed' || state.status === 'done';
}

/** True while a run holds the worker. */
export function isActive(state: TrainState): boolean {
  return state.status === 'compiling' || state.status === 'running' || state.status === 'paused';
}

/**
 * The next state. An action that does not apply in a state leaves it as it
 * is (pausing a finished run does nothing), so late messages are harmless.
 */
export function trainReducer(state: TrainState, action: TrainAction): TrainState {
  switch (action.type) {
    case 'start':
      return canStart(state) ? { status: 'compiling' } : state;
    case 'compiled':
      return state.status === 'compiling' ? { status: 'running', epoch: 1, batch: 0 } : state;
    case 'progress':
      if (state.status === 'running') return { status: 'running', epoch: action.epoch, batch: action.batch };
      if (state.status === 'paused') return { status: 'paused', epoch: action.epoch, batch: action.batch };
      return state;
    case 'pause':
      return state.status === 'running' ? { status: 'paused', epoch: state.epoch, batch: state.batch } : state;
    case 'resume':
      return state.status === 'paused' ? { status: 'running', epoch: state.epoch, batch: state.batch } : state;
    case 'cancel':
      if (state.status === 'compiling') return { status: 'stopped', epoch: 0 };
      if (state.status === 'running' || state.status === 'paused') return { status: 'stopped', epoch: state.epoch };
      return state;
    case 'cancelled':
      return isActive(state) || state.status === 'stopped' ? { status: 'stopped', epoch: action.epoch } : state;
    case 'finished':
      return isActive(state) ? { status: 'done', epochs: action.epochs } : state;
    case 'failed':
      return isActive(state) ? { status: 'failed', message: action.message } : state;
  }
}
