import { describeDatasets, formatCatalogue } from '../../../core/data/catalogue';
import type { Command } from '../command';

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'the built-in datasets and file formats, with their options and fields',
  usage: 'seqwire datasets [NAME] [--json]',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const all = describeDatasets();
    const [name] = positionals;
    const docs = name ? all.filter((d) => d.name === name) : all;
    if (name && docs.length === 0) {
      io.err(`no dataset or format named "${name}" (known: ${all.map((d) => d.name).join(', ')})`);
      return 2;
    }
    io.out(values.json ? JSON.stringify(docs) : formatCatalogue(docs));
    return 0;
  },
};
