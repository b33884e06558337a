import { describe, expect, it } from 'vitest';
import { describeDatasets, formatCatalogue } from './catalogue';

describe('describeDatasets', () => {
  it('lists the built-ins and the four file formats', () => {
    const docs = describeDatasets();
    expect(docs.filter((d) => d.kind === 'builtin').map((d) => d.name)).toEqual(['hershey-strokes', 'mnist-rows', 'mnist-translated', 'addition', 'sine', 'recall', 'frames', 'captions']);
    expect(docs.filter((d) => d.kind === 'format').map((d) => d.name)).toEqual(['csv', 'quickdraw-ndjson', 'text', 'pairs-tsv']);
  });

  it('gives the fields graph-format.md names for each file format', () => {
    const fields = Object.fromEntries(describeDatasets().filter((d) => d.kind === 'format').map((d) => [d.name, d.fields.map((f) => f.name)]));
    expect(fields).toEqual({
      csv: ['inputs', 'targets'],
      'quickdraw-ndjson': ['strokesIn', 'strokesOut', 'label', 'labelIn'],
      text: ['chars', 'nextChars'],
      'pairs-tsv': ['source', 'targetIn', 'target'],
    });
  });

  it('gives each option its default, or none when it is required', () => {
    const csv = describeDatasets().find((d) => d.name === 'csv')!;
    expect(csv.options.find((o) => o.name === 'horizon')).toMatchObject({ kind: 'int', default: 1, min: 0 });
    expect(csv.options.find((o) => o.name === 'window')).not.toHaveProperty('default');
  });

  it('prints fields with shapes and dtypes, and which ids are special', () => {
    const text = formatCatalogue();
    expect(text).toContain('  addition: sequence to sequence');
    expect(text).toContain('      digits (int, default 2): the most digits of each number');
    expect(text).toContain('      window (int, required): rows per input window');
    expect(text).toContain('      strokesOut [maxLength, 5] float:');
    expect(text).toContain('id 0 is <pad>, 1 is <start>, 2 is <end>');
  });
});
