import { describe, expect, it } from 'vitest';
import { requests } from '../api/requests';
import { makeGraph } from '../compile/fixture';
import { compileSeeded } from '../train/train-graph';
import { generateFromRun, MIXTURE_NUMBERS_LIMIT } from './generate';
import type { LoadedRun } from './load';

const graph = makeGraph(
  { strokes: ['SequenceInput', { timesteps: null, features: 5, feedback: 'pen' }], rnn: ['LSTM', { units: 8, returnSequences: true }], pen: ['Output', { head: 'mdn', mixtures: 20 }] },
  ['strokes.out -> rnn.in', 'rnn.out -> pen.in'],
);
const run: LoadedRun = { where: 'memory', graph, compiled: compileSeeded(graph, 1), data: () => Promise.reject(new Error('no data needed')) };

describe('generation from a run with mixtures traced', () => {
  it('answers with the frames of the drawings asked for, in the form the API contract takes', async () => {
    const primer = [[0.2, 0, 1, 0, 0], [0, 0.2, 1, 0, 0], [0.1, 0.1, 0, 1, 0]];
    const { view } = await generateFromRun(run, { n: 3, maxSteps: 15, seed: 4, temperature: 0.65, primer: { strokes: primer }, traceMixtures: [1] });
    const parsed = requests.generate.result.parse(view);
    if (parsed.kind !== 'strokes') throw new Error(parsed.kind);
    expect(parsed.drawings.map((d) => d.primed)).toEqual([3, 3, 3]);
    expect(parsed.drawings[0].mixtures).toBeUndefined();
    const frames = parsed.drawings[1].mixtures!;
    expect(frames).toHaveLength(parsed.drawings[1].stroke5.length - 3);
    expect(frames[0].weights).toHaveLength(20);
    // The first generated step starts where the primer's pen stopped.
    expect(frames[0].at[0]).toBeCloseTo(0.3, 6);
    expect(frames[0].at[1]).toBeCloseTo(0.3, 6);
  });

  it(`refuses a trace over ${MIXTURE_NUMBERS_LIMIT} numbers before generating, and says what to lower`, async () => {
    // 4 drawings x 20 mixtures x 6 x 1,500 steps = 720,000 numbers.
    await expect(generateFromRun(run, { n: 4, maxSteps: 1500, traceMixtures: [0, 1, 2, 3] })).rejects.toThrow(/720000 numbers .*trace fewer drawings or lower max steps/);
    // Indices past the drawings asked for trace nothing, so cost nothing.
    await expect(generateFromRun(run, { n: 1, maxSteps: 1500, traceMixtures: [0, 5, 6, 7] })).resolves.toBeTruthy();
  });
});
