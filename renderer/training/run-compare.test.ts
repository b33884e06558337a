import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../../core/api/schemas';
import { lossesPerOutput, settingRows } from './run-compare';

const run = (id: string, settings: RunInfo['settings']): RunInfo => ({ id, dir: `/r/${id}`, startedAt: null, status: 'done', epochs: 2, loss: 1, valLoss: null, backend: 'cpu', hasModel: true, settings });

describe('comparing runs', () => {
  it('marks the settings that differ from the other run with its value, and only those', () => {
    const a = run('a', { optimizer: 'adam', learningRate: 0.001, batchSize: 32, epochs: 10, seed: 1, backend: 'wasm' });
    const b = run('b', { optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 10, seed: 2, backend: 'wasm' });
    const rows = settingRows(a, b);
    expect(rows.filter((r) => r.other !== null).map((r) => [r.key, r.value, r.other])).toEqual([['learningRate', '0.001', '0.01'], ['seed', '1', '2']]);
    expect(settingRows(a, null).every((r) => r.other === null)).toBe(true);
  });

  it('gives the loss of each Output of the last epoch, not only their sum', () => {
    const lines = [
      { epoch: 1, loss: 3, valLoss: null, metrics: { losses: { pen: 2, label: 1 }, valLosses: null } },
      { epoch: 2, loss: 1.5, valLoss: 1.8, metrics: { losses: { pen: 1, label: 0.5 }, valLosses: { pen: 1.2, label: 0.6 } } },
    ];
    expect(lossesPerOutput(lines)).toEqual([{ nodeId: 'pen', loss: 1, valLoss: 1.2 }, { nodeId: 'label', loss: 0.5, valLoss: 0.6 }]);
    expect(lossesPerOutput([])).toEqual([]);
  });
});
