import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { clipByGroups, clipGroups } from './clip';
import { compileSeeded } from './train-graph';

await tf.setBackend('cpu');

const twoModels = () =>
  compileSeeded(
    makeGraph(
      {
        x: ['SequenceInput', { timesteps: 3, features: 2 }],
        shared: ['Dense', { units: 4 }],
        a: ['SimpleRNN', { units: 3 }],
        b: ['LSTM', { units: 3 }],
        ya: ['Output', { head: 'linear', units: 1 }],
        yb: ['Output', { head: 'linear', units: 1 }],
      },
      ['x.out -> shared.in', 'shared.out -> a.in', 'shared.out -> b.in', 'a.out -> ya.in', 'b.out -> yb.in'],
    ),
    1,
  );

describe('clipping groups', () => {
  it('per output: a shared trunk is one group, each branch with its head another; per layer: one group a layer', () => {
    const { model } = twoModels();
    const names = (groups: number[][]) => groups.map((g) => [...new Set(g.map((i) => model.trainableWeights[i].originalName.split('/')[0]))].sort());
    expect(names(clipGroups(model, 'all'))).toEqual([['a', 'b', 'shared', 'ya', 'yb']]);
    expect(names(clipGroups(model, 'output')).sort()).toEqual([['a', 'ya'], ['b', 'yb'], ['shared']]);
    expect(clipGroups(model, 'layer')).toHaveLength(5);
  });

  it('clips each group by its own norm, so a huge gradient in one group leaves the other untouched', () => {
    const grads = [tf.tensor1d([300, 400]), tf.tensor1d([0.3, 0.4])];
    const { clipped, normAfter } = clipByGroups(grads, [[0], [1]], 1);
    expect(Array.from(clipped[0].dataSync())).toEqual([expect.closeTo(0.6, 5), expect.closeTo(0.8, 5)]);
    expect(Array.from(clipped[1].dataSync())).toEqual([expect.closeTo(0.3, 5), expect.closeTo(0.4, 5)]);
    expect(normAfter).toBeCloseTo(Math.sqrt(1 + 0.25), 5);
    tf.dispose([...grads, ...clipped]);
  });
});
