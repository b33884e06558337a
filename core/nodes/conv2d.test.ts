import { describe, expect, it } from 'vitest';
import { float } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { Conv2D } from './conv2d';

describe('Conv2D', () => {
  it('keeps the size with padding same, shrinks it with valid, divides it by strides', () => {
    expect(inferNode(Conv2D, { filters: 4, kernelSize: 3 }, { in: [float(28, 28, 1)] })).toEqual({ ok: true, outputs: { out: float(28, 28, 4) } });
    expect(inferNode(Conv2D, { filters: 4, kernelSize: 3, padding: 'valid' }, { in: [float(28, 20, 1)] })).toEqual({ ok: true, outputs: { out: float(26, 18, 4) } });
    expect(inferNode(Conv2D, { filters: 4, kernelSize: 3, strides: 2 }, { in: [float(7, 7, 3)] })).toEqual({ ok: true, outputs: { out: float(4, 4, 4) } });
  });

  it('refuses a sequence, and a kernel larger than the image with padding valid', () => {
    expect(issuesOf(inferNode(Conv2D, { filters: 4, kernelSize: 3 }, { in: [float(null, 5)] }))[0].message).toContain('expects an image [H, W, C], found a sequence [T, 5]');
    expect(issuesOf(inferNode(Conv2D, { filters: 4, kernelSize: 5, padding: 'valid' }, { in: [float(3, 3, 1)] }))[0].message).toContain('does not fit');
  });
});

describe('a small CNN (one-to-one)', () => {
  it.each(['same', 'valid'])('counts k·k·C·filters + filters per Conv2D as tfjs does (padding %s)', (padding) => {
    const graph = makeGraph(
      {
        img: ['ImageInput', { height: 10, width: 10, channels: 3 }],
        c1: ['Conv2D', { filters: 4, kernelSize: 3, padding }],
        p1: ['MaxPool2D', {}],
        c2: ['Conv2D', { filters: 2, kernelSize: 2, strides: 2, activation: 'tanh', padding }],
        flat: ['Flatten', {}],
        y: ['Output', { head: 'softmax', units: 10 }],
      },
      ['img.out -> c1.in', 'c1.out -> p1.in', 'p1.out -> c2.in', 'c2.out -> flat.in', 'flat.out -> y.in'],
    );
    const { analysis, compiled, tfjsParams, ourParams } = compileChecked(roundTrip(graph));
    expect(analysis.nodes.get('c1')!.paramCount).toBe(3 * 3 * 3 * 4 + 4);
    expect(analysis.nodes.get('c2')!.paramCount).toBe(2 * 2 * 4 * 2 + 2);
    expect(tfjsParams).toBe(ourParams);
    // Our shape rule and tfjs must agree on every intermediate shape.
    for (const id of ['c1', 'p1', 'c2', 'flat']) {
      expect(compiled.model.getLayer(id).outputShape).toEqual([null, ...analysis.nodes.get(id)!.outputs.out.shape]);
    }
  });
});
