import { describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../core/train/events';
import { alignSeries, flowSnapshots, gradientFlowSeries, gradNormSeries, lossSeries, outputLossSeries } from './chart-data';

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
    // Divided by the last step; zero drawn at the floor of the log scale.
    expect(data).toEqual([[0, 1, 2], [1, 0.1, 1e-30]]);
  });

  it('gradient flow: one snapshot before training and one per epoch, each normalised to its last step, an LSTM with its c dashed', () => {
    const h = (norms: number[], cellNorms?: number[]) => ({ nodeId: 'lstm', layer: 'lstm', of: 'state' as const, norms, ...(cellNorms ? { cellNorms } : {}) });
    const epochs = [
      epoch(1, { gradientFlow: [h([1, 2, 4])], initialGradientFlow: [h([2, 4, 8], [1, 2, 0])] }),
      epoch(2, { gradientFlow: [h([3, 3, 3])] }),
    ];
    expect(flowSnapshots(epochs).map((s) => s.label)).toEqual(['before training', 'after epoch 1', 'after epoch 2']);
    const atInit = gradientFlowSeries(epochs, 0);
    expect(atInit.series.map((s) => [s.label, !!s.dash])).toEqual([['lstm h', false], ['lstm c', true]]);
    expect(atInit.measures).toBe('hidden state');
    // Steps back from the last: h / 8; c / 8 without its last step (no later step reads it).
    expect(atInit.data).toEqual([[0, 1, 2], [1, 0.5, 0.25], [null, 0.25, 0.125]]);
    expect(gradientFlowSeries(epochs).data).toEqual([[0, 1, 2], [1, 1, 1]]);
  });

  it('each output has its own loss line, and the gradient norm chart has before and after clipping', () => {
    const epochs = [epoch(1, { losses: { a: 0.3, b: 0.1 }, valLosses: { a: 0.35, b: 0.12 }, gradNorm: { before: 10, after: 1 } })];
    const per = outputLossSeries(epochs);
    expect(per.series.map((s) => s.label)).toEqual(['a', 'a val', 'b', 'b val']);
    expect(per.data).toEqual([[1], [0.3], [0.35], [0.1], [0.12]]);
    expect(gradNormSeries(epochs).data).toEqual([[1], [10], [1]]);
  });
});
