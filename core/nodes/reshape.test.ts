import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, issuesOf, roundTrip } from './node-test-kit';
import { resolveParams } from './params';
import { Reshape } from './reshape';

describe('Reshape', () => {
  it('gives the target shape, -1 taking what is left, and keeps a size known only at run time unknown', () => {
    expect(inferNode(Reshape, { targetShape: [28, 28] }, { in: [float(28, 28, 1)] })).toEqual({ ok: true, outputs: { out: float(28, 28) } });
    expect(inferNode(Reshape, { targetShape: [-1, 4] }, { in: [float(12)] })).toEqual({ ok: true, outputs: { out: float(3, 4) } });
    expect(inferNode(Reshape, { targetShape: [-1] }, { in: [float(5, 3)] })).toEqual({ ok: true, outputs: { out: float(15) } });
    expect(inferNode(Reshape, { targetShape: [-1, 2, 3] }, { in: [float(null, 6)] })).toEqual({ ok: true, outputs: { out: float(null, 2, 3) } });
  });

  it('refuses a shape of another size, a size it cannot divide, an unknown size without -1, and token ids', () => {
    expect(issuesOf(inferNode(Reshape, { targetShape: [5, 5] }, { in: [float(28, 28)] }))[0].message).toBe('a sequence [28, 28] holds 784 values but the target shape [5, 5] holds 25');
    expect(issuesOf(inferNode(Reshape, { targetShape: [-1, 5] }, { in: [float(12)] }))[0].message).toContain('which [5] does not divide');
    expect(issuesOf(inferNode(Reshape, { targetShape: [2, 3] }, { in: [float(null, 6)] }))[0].message).toContain('needs a -1');
    expect(issuesOf(inferNode(Reshape, { targetShape: [3] }, { in: [int(3)] }))[0].message).toContain('put an Embedding before it');
  });

  it('takes 1 to 4 sizes of at least 1, with -1 at most once', () => {
    for (const bad of [[], [0], [-1, -1], [1, 2, 3, 4, 5], [2.5], 'x']) expect(resolveParams(Reshape.params, { targetShape: bad }).issues).toMatchObject([{ code: 'invalid-param', param: 'targetShape' }]);
    expect(resolveParams(Reshape.params, { targetShape: [-1, 3] }).issues).toEqual([]);
  });

  it('reads an image row by row: no parameters, the shape tfjs gives, and its target shape through save and load', () => {
    const graph = makeGraph(
      { img: ['ImageInput', { height: 6, width: 5, channels: 1 }], rows: ['Reshape', { targetShape: [6, 5] }], rnn: ['LSTM', { units: 3 }], y: ['Output', { head: 'softmax', units: 2 }] },
      ['img.out -> rows.in', 'rows.out -> rnn.in', 'rnn.out -> y.in'],
    );
    const again = roundTrip(graph);
    expect(again.nodes[1].params).toEqual({ targetShape: [6, 5] });
    const { analysis, compiled, tfjsParams, ourParams } = compileChecked(again);
    expect(tfjsParams).toBe(ourParams);
    expect(compiled.model.getLayer('rows').outputShape).toEqual([null, ...analysis.nodes.get('rows')!.outputs.out.shape]);
  });
});
