import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../graph/load';
import { analyzeGraph } from '../validate/analyze';
import { compileGraph } from './compile';

const dir = join(__dirname, '../../assets/templates');
const files = readdirSync(dir).filter((f) => f.endsWith('.seqwire.json'));

describe('the templates', () => {
  it('cover every pattern of the RNN lecture', () => {
    for (const pattern of ['one-to-one', 'one-to-many', 'many-to-one', 'seq2seq', 'per-step', 'stroke-generation', 'multilayer-stack']) {
      expect(files).toContain(`${pattern}.seqwire.json`);
    }
  });

  it.each(files)('%s validates with no errors or warnings, and compiles to the parameter count of its analysis', (file) => {
    const loaded = parseGraphText(readFileSync(join(dir, file), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    const analysis = analyzeGraph(loaded.graph);
    expect(analysis.diagnostics).toEqual([]);
    const compiled = compileGraph(loaded.graph, analysis);
    try {
      expect(compiled.model.countParams()).toBe(analysis.totalParams);
      expect(compiled.outputs.length).toBe(loaded.graph.nodes.filter((n) => n.type === 'Output').length);
      expect(typeof (loaded.graph as { description?: unknown }).description).toBe('string');
    } finally {
      compiled.model.layers.forEach((l) => l.dispose());
      tf.disposeVariables();
    }
  });
});
