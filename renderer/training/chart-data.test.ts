import { describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../core/train/events';
import { alignSeries, gradientFlowSeries, lossSeries } from './chart-data';

const epoch = (n: number, extra: Partial<EpochEvent> = {}): EpochEvent => ({
  type: 'epoch', epoch: n, epochs: 3, loss: 1 / n, valLoss: 2 / n, losses: {}, valLosses: null, accuracy: {}, elapsedSec: n, etaSec: 0,
  samplesPerSec: 1, gradNorm: { before: 1, after: 1 }, gradientFlow: [], ...extra,
});

describe('chart data', () => {
  it('series with different x values share one sorted axis, with gaps as null', () => {
    expect(alignSeries([{ x: [0.5, 1], y: [3, 2] }, { x: [1, 2], y: [9, 8] }])).toEqual([[0.5, 1, 2], [3, 2, null], [null, 9, 8]]);
  });

  it('the loss chart holds batch losses, epoch losses and validation losses, then each overlaid run', () => {
    const { series, data } = lossSeries({ x: [0.5], y: [4] }, [epoch(1)], { old: [{ epoch: 1, loss: 5, valLoss: null }] });
    expect(series.map((s) => s.label)).toEqual(['batch loss', 'loss', 'val loss', 'old loss']);
    expect(data).toEqual([[0.5, 1], [4, null], [null, 1], [null, 2], [null, 5]]);
  });

  it('gradient flow is drawn from the last step back, with a vanished gradient at the floor of the log scale', () => {
    const { series, data } = gradientFlowSeries([epoch(1, { gradientFlow: [{ nodeId: 'rnn', layer: 'rnn', norms: [0, 0.1, 1] }] })]);
    expect(series.map((s) => s.label)).toEqual(['rnn']);
    expect(data).toEqual([[0, 1, 2], [1, 0.1, 1e-12]]);
  });
});
