import { describe, expect, it } from 'vitest';
import { float, int } from '../shapes/tensor-type';
import { makeGraph } from '../compile/fixture';
import { compileChecked, inferNode, roundTrip } from './node-test-kit';
import { ImageInput } from './image-input';
import { SequenceInput } from './sequence-input';
import { TokenInput } from './token-input';
import { VectorInput } from './vector-input';
import { initialParams, resolveParams } from './params';

describe('input nodes', () => {
  it('give their shapes: [T, F] floats, [T] int ids, [size], [H, W, C]', () => {
    expect(inferNode(SequenceInput, { timesteps: null, features: 5 }, {})).toEqual({ ok: true, outputs: { out: float(null, 5) } });
    expect(inferNode(TokenInput, { timesteps: 12, vocabSize: 30 }, {})).toEqual({ ok: true, outputs: { out: int(12) } });
    expect(inferNode(TokenInput, { timesteps: null, vocabSize: 30 }, {})).toEqual({ ok: true, outputs: { out: int(null) } });
    expect(inferNode(VectorInput, { size: 7 }, {})).toEqual({ ok: true, outputs: { out: float(7) } });
    expect(inferNode(ImageInput, { height: 28, width: 20, channels: 3 }, {})).toEqual({ ok: true, outputs: { out: float(28, 20, 3) } });
  });

  it('refuse sizes out of range and unknown params, naming the param', () => {
    expect(resolveParams(VectorInput.params, { size: 0 }).issues).toMatchObject([{ code: 'invalid-param', param: 'size' }]);
    expect(resolveParams(TokenInput.params, { timesteps: 3.5, vocabSize: 4 }).issues).toMatchObject([{ code: 'invalid-param', param: 'timesteps' }]);
    expect(resolveParams(ImageInput.params, { height: 2, width: 2 }).issues).toMatchObject([{ code: 'missing-param', param: 'channels' }]);
    expect(resolveParams(VectorInput.params, { size: 3, feedback: 'y' }).issues).toMatchObject([{ code: 'unknown-param', param: 'feedback' }]);
  });

  it('drop from the palette with valid initial params', () => {
    for (const spec of [SequenceInput, TokenInput, VectorInput, ImageInput]) {
      expect(resolveParams(spec.params, initialParams(spec.params)).issues).toEqual([]);
    }
  });

  it('compile to int32 and float32 model inputs with no parameters, and survive save and load', () => {
    const graph = makeGraph(
      {
        ids: ['TokenInput', { timesteps: 4, vocabSize: 10, feedback: 'y' }],
        emb: ['Embedding', { vocabSize: 10, dim: 3 }],
        flat: ['Flatten', {}],
        img: ['ImageInput', { height: 2, width: 2, channels: 1 }],
        flatImg: ['Flatten', {}],
        vec: ['VectorInput', { size: 3 }],
        join: ['Concatenate', {}],
        y: ['Output', { head: 'softmax', units: 10 }],
      },
      ['ids.out -> emb.in', 'emb.out -> flat.in', 'img.out -> flatImg.in', 'flatImg.out -> join.in', 'flat.out -> join.in', 'vec.out -> join.in', 'join.out -> y.in'],
    );
    const back = roundTrip(graph);
    expect(back).toEqual(graph);
    const { compiled, tfjsParams, ourParams } = compileChecked(back);
    expect(tfjsParams).toBe(ourParams);
    expect(ourParams).toBe(10 * 3 + (4 + 12 + 3) * 10 + 10);
    expect(compiled.model.inputs.map((i) => i.dtype)).toEqual(['int32', 'float32', 'float32']);
    expect(compiled.inputs.map((i) => [i.nodeId, i.feedback])).toEqual([['ids', 'y'], ['img', null], ['vec', null]]);
  });
});
