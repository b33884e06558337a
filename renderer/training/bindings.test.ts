import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../core/graph/load';
import { readFileSync } from 'node:fs';
import { analyzeGraph } from '../../core/validate/analyze';
import { bindingWants, fieldFits, parseShapeDoc, suggestBindings, type FieldDoc } from './bindings';

const strokes: FieldDoc[] = [
  { name: 'strokesIn', shape: '[maxLength, 5]', dtype: 'float32' },
  { name: 'strokesOut', shape: '[maxLength, 5]', dtype: 'float32' },
  { name: 'label', shape: '[]', dtype: 'int32' },
];

function template(name: string) {
  const r = parseGraphText(readFileSync(new URL(`../../assets/templates/${name}.seqwire.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return r.graph;
}

describe('binding suggestions', () => {
  it('a shape named after an option agrees with any size', () => {
    expect(parseShapeDoc('[maxLength, 5]')).toEqual([null, 5]);
    expect(parseShapeDoc('[]')).toEqual([]);
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

  it('nothing is suggested where no shape fits', () => {
    const wants = [{ nodeId: 'x', role: 'input' as const, shapes: [{ shape: [28, 28], dtype: 'float32' as const }] }];
    expect(suggestBindings(wants, strokes)).toEqual({});
  });
});
