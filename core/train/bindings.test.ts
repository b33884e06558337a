import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fieldDims } from '../data/catalogue';
import { parseGraphText } from '../graph/load';
import { analyzeGraph } from '../validate/analyze';
import { bindingWants, fieldFits, headTargets, suggestBindings, type FieldShape } from './bindings';

const strokes: FieldShape[] = [
  { name: 'strokesIn', dims: fieldDims('[maxLength, 5]'), dtype: 'float32' },
  { name: 'strokesOut', dims: fieldDims('[maxLength, 5]'), dtype: 'float32' },
  { name: 'label', dims: fieldDims('[]'), dtype: 'int32' },
];

function template(name: string) {
  const r = parseGraphText(readFileSync(new URL(`../../assets/templates/${name}.seqwire.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.graph;
}

describe('binding suggestions', () => {
  it('a shape named after an option agrees with any size', () => {
    expect(fieldDims('[maxLength, 5]')).toEqual([null, 5]);
    expect(fieldDims('[]')).toEqual([]);
    expect(fieldFits(strokes[0], { shape: [64, 5], dtype: 'float32' })).toBe(true);
    expect(fieldFits(strokes[0], { shape: [64, 3], dtype: 'float32' })).toBe(false);
    expect(fieldFits(strokes[2], { shape: [], dtype: 'float32' })).toBe(false);
  });

  it('the stroke template binds strokesIn to its input and strokesOut to its mdn head', () => {
    const graph = template('stroke-generation');
    const wants = bindingWants(analyzeGraph(graph));
    const input = wants.find((w) => w.role === 'input')!.nodeId;
    const head = wants.find((w) => w.role === 'target')!.nodeId;
    expect(suggestBindings(wants, strokes)).toEqual({ [input]: 'strokesIn', [head]: 'strokesOut' });
  });

  it('a binding the user chose is kept, and its field is not suggested again', () => {
    const graph = template('stroke-generation');
    const wants = bindingWants(analyzeGraph(graph));
    const input = wants.find((w) => w.role === 'input')!.nodeId;
    const head = wants.find((w) => w.role === 'target')!.nodeId;
    expect(suggestBindings(wants, strokes, { [input]: 'strokesOut' })).toEqual({ [input]: 'strokesOut', [head]: 'strokesIn' });
  });

  it('a softmax head takes class ids one rank below its input', () => {
    const wants = [{ nodeId: 'out', role: 'target' as const, shapes: [{ shape: [], dtype: 'int32' as const }, { shape: [10], dtype: 'float32' as const }] }];
    expect(suggestBindings(wants, strokes)).toEqual({ out: 'label' });
  });

  it('a softmax head learns class ids or one-hot rows, an mdn head stroke-5 steps, whatever its width', () => {
    expect(headTargets('softmax', [null, 10])).toEqual([{ shape: [null], dtype: 'int32', sparse: true }, { shape: [null, 10], dtype: 'float32' }]);
    expect(headTargets('mdn', [null, 123])).toEqual([{ shape: [null, 5], dtype: 'float32' }]);
    expect(headTargets('linear', [3])).toEqual([{ shape: [3], dtype: 'float32' }]);
  });

  it('nothing is suggested where no shape fits', () => {
    const wants = [{ nodeId: 'x', role: 'input' as const, shapes: [{ shape: [28, 28], dtype: 'float32' as const }] }];
    expect(suggestBindings(wants, strokes)).toEqual({});
  });
});
