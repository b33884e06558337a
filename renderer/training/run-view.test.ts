import { describe, expect, it } from 'vitest';
import type { BatchEvent, EpochEvent } from '../../core/train/events';
import { adviceFor, emptyRun, formatEta, MAX_BATCH_POINTS, progressOf, reduceRun } from './run-view';

const batch = (epoch: number, b: number, loss = 1): BatchEvent => ({ type: 'batch', epoch, batch: b, batches: 4, loss, losses: { out: loss }, samplesPerSec: 100, etaSec: 5 });
const epoch = (n: number): EpochEvent => ({
  type: 'epoch', epoch: n, epochs: 2, loss: 1 / n, valLoss: null, losses: {}, valLosses: null, accuracy: {}, elapsedSec: n, etaSec: 2 - n,
  samplesPerSec: 100, gradNorm: { before: 1, after: 1 }, gradientFlow: [],
});

describe('run view', () => {
  it('batch losses are placed at fractional epochs for the live curve', () => {
    let v = reduceRun(emptyRun, { type: 'started', runId: 'r1' });
    v = reduceRun(v, { type: 'progress', runId: 'r1', event: batch(1, 2, 0.9) });
    v = reduceRun(v, { type: 'progress', runId: 'r1', event: batch(2, 1, 0.5) });
    expect(v.batchLoss).toEqual({ x: [0.5, 1.25], y: [0.9, 0.5] });
    expect(progressOf(v, 2)).toBeCloseTo(0.625);
  });

  it('events that arrive before the host names the run are kept', () => {
    let v = reduceRun(emptyRun, { type: 'starting' });
    v = reduceRun(v, { type: 'progress', runId: 'r9', event: batch(1, 1) });
    v = reduceRun(v, { type: 'started', runId: 'r9' });
    expect(v.runId).toBe('r9');
    expect(v.batchLoss.x).toEqual([0.25]);
  });

  it('events of another run are ignored', () => {
    const v = reduceRun(reduceRun(emptyRun, { type: 'started', runId: 'r2' }), { type: 'epoch', runId: 'r1', event: epoch(1) });
    expect(v.epochs).toHaveLength(0);
  });

  it('a cancelled run ends stopped and a completed one done', () => {
    const started = reduceRun(emptyRun, { type: 'started', runId: 'r' });
    const done = { type: 'done' as const, epochs: 1, loss: 0.1, valLoss: null, elapsedSec: 1, backend: 'cpu' };
    expect(reduceRun(started, { type: 'done', runId: 'r', event: { ...done, reason: 'cancelled' } }).state.status).toBe('stopped');
    expect(reduceRun(started, { type: 'done', runId: 'r', event: { ...done, reason: 'completed' } }).state.status).toBe('done');
  });

  it('an error fails the run and keeps its message', () => {
    const v = reduceRun(reduceRun(emptyRun, { type: 'started', runId: 'r' }), { type: 'error', runId: 'r', message: 'loss became NaN at epoch 2' });
    expect(v.state).toEqual({ status: 'failed', message: 'loss became NaN at epoch 2' });
    expect(adviceFor(v.error!)).toContain('clipNorm');
  });

  it('a field of the wrong shape and a missing binding get different advice', () => {
    expect(adviceFor('Output "pen" learns targets of [T, 5], but field "label" has []')).toContain('shape matches');
    expect(adviceFor('node "x" is not bound to a field of dataset "sine"')).toContain('Bind every input');
    expect(adviceFor('the disk is full')).toBeNull();
  });

  it('the live curve is thinned instead of growing without bound', () => {
    let v = reduceRun(emptyRun, { type: 'started', runId: 'r' });
    for (let i = 1; i <= MAX_BATCH_POINTS + 10; i++) v = reduceRun(v, { type: 'progress', runId: 'r', event: { ...batch(1, 1), batch: i, batches: MAX_BATCH_POINTS + 10 } });
    expect(v.batchLoss.x.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
    expect(v.batchLoss.x.at(-1)).toBe(1);
  });

  it('ETA reads in seconds, minutes or hours', () => {
    expect(formatEta(42)).toBe('42 s');
    expect(formatEta(125)).toBe('2 min 5 s');
    expect(formatEta(Infinity)).toBe('—');
  });
});
