import { describe, expect, it } from 'vitest';
import { initialTrainState, trainReducer, type TrainAction, type TrainState } from './state';

const run = (actions: TrainAction[], from: TrainState = initialTrainState) => actions.reduce(trainReducer, from);

describe('trainReducer', () => {
  it('goes idle -> compiling -> running -> done on a full run', () => {
    expect(run([{ type: 'start' }])).toEqual({ status: 'compiling' });
    expect(run([{ type: 'start' }, { type: 'compiled' }, { type: 'progress', epoch: 2, batch: 3 }])).toEqual({ status: 'running', epoch: 2, batch: 3 });
    expect(run([{ type: 'start' }, { type: 'compiled' }, { type: 'finished', epochs: 4 }])).toEqual({ status: 'done', epochs: 4 });
  });

  it('pauses and resumes a running run at the same place', () => {
    const paused = run([{ type: 'start' }, { type: 'compiled' }, { type: 'progress', epoch: 1, batch: 5 }, { type: 'pause' }]);
    expect(paused).toEqual({ status: 'paused', epoch: 1, batch: 5 });
    expect(trainReducer(paused, { type: 'resume' })).toEqual({ status: 'running', epoch: 1, batch: 5 });
  });

  it('stops a paused run on cancel', () => {
    expect(run([{ type: 'start' }, { type: 'compiled' }, { type: 'pause' }, { type: 'cancel' }])).toEqual({ status: 'stopped', epoch: 1 });
  });

  it('ignores actions that do not apply, returning the same state object', () => {
    const done: TrainState = { status: 'done', epochs: 3 };
    for (const a of [{ type: 'pause' }, { type: 'resume' }, { type: 'cancel' }, { type: 'compiled' }] as TrainAction[]) expect(trainReducer(done, a)).toBe(done);
    const running: TrainState = { status: 'running', epoch: 1, batch: 1 };
    expect(trainReducer(running, { type: 'start' })).toBe(running);
  });

  it('fails an active run with its message, and allows a new start after', () => {
    const failed = run([{ type: 'start' }, { type: 'compiled' }, { type: 'failed', message: 'loss became NaN' }]);
    expect(failed).toEqual({ status: 'failed', message: 'loss became NaN' });
    expect(trainReducer(failed, { type: 'start' })).toEqual({ status: 'compiling' });
  });
});
