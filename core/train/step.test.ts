import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeGraph } from '../compile/fixture';
import { bindFields } from './bindings';
import { memoryDataset } from './memory-dataset';
import { evaluate, trainStep } from './step';
import { compileSeeded } from './train-graph';

await tf.setBackend('cpu');

describe('trainStep', () => {
  it('runs Dropout in training mode while training and not while evaluating', () => {
    const graph = makeGraph(
      { x: ['VectorInput', { size: 40 }], drop: ['Dropout', { rate: 0.5 }], y: ['Output', { head: 'linear', units: 1 }] },
      ['x.out -> drop.in', 'drop.out -> y.in'],
    );
    const compiled = compileSeeded(graph, 2);
    const data = memoryDataset('ones', {
      x: { shape: [8, 40], dtype: 'float32', data: new Float32Array(320).fill(1) },
      y: { shape: [8, 1], dtype: 'float32', data: new Float32Array(8) },
    });
    const bind = bindFields(compiled, data, { x: 'x', y: 'y' });
    if (!bind.ok) throw new Error(bind.message);
    const optimizer = tf.train.sgd(1e-12);
    const vars = compiled.model.trainableWeights.map((w) => w.read() as tf.Variable);
    const xs = [tf.ones([8, 40])];
    const ys = [tf.zeros([8, 1])];
    const a = trainStep(compiled, bind.bound, vars, optimizer, xs, ys, 0, false);
    const b = trainStep(compiled, bind.bound, vars, optimizer, xs, ys, 0, false);
    expect(a.total).not.toBeCloseTo(b.total, 6);
    const idx = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(evaluate(compiled, bind.bound, data, idx, 8).losses).toEqual(evaluate(compiled, bind.bound, data, idx, 8).losses);
    tf.dispose([...xs, ...ys]);
    optimizer.dispose();
  });
});
