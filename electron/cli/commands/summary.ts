import { analyzeGraph } from '../../../core/validate/analyze';
import { formatShape } from '../../../core/shapes/tensor-type';
import { stackLayerRows } from '../../../core/nodes/stack';
import { lastDim } from '../../../core/nodes/checks';
import { requireArg, type Command } from '../command';
import { readGraphFile } from '../read-graph';
import { formatDiagnostic } from './validate';

export const summaryCommand: Command = {
  name: 'summary',
  summary: 'a table of the nodes with their output shapes and parameter counts',
  usage: 'seqwire summary FILE [--json]',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const { graph } = await readGraphFile(requireArg(positionals, 0, 'FILE', summaryCommand.usage));
    const analysis = analyzeGraph(graph);
    if (!analysis.valid) {
      for (const d of analysis.diagnostics.filter((x) => x.severity === 'error')) io.err(formatDiagnostic(d));
      io.err('the graph is invalid; fix the errors above to see its summary');
      return 1;
    }
    const rows = analysis.order.map((id) => {
      const n = analysis.nodes.get(id)!;
      // A Stack is several layers: one row each, with the formula of its count.
      const layers = n.node.type === 'Stack' ? stackLayerRows(n.params as Parameters<typeof stackLayerRows>[0], lastDim(n.inputs.in?.[0])) : undefined;
      return { id, type: n.node.type, params: n.paramCount, outputs: n.outputs, layers };
    });
    if (values.json) {
      io.out(JSON.stringify({
        totalParams: analysis.totalParams,
        nodes: rows.map((r) => ({ id: r.id, type: r.type, params: r.params, outputs: Object.fromEntries(Object.entries(r.outputs).map(([p, t]) => [p, t.shape])), ...(r.layers ? { layers: r.layers } : {}) })),
      }));
      return 0;
    }
    const table = [['node', 'type', 'output shapes', 'params']];
    for (const r of rows) {
      const shapes = Object.entries(r.outputs).map(([port, t]) => `${port} ${formatShape(t.shape)}${t.dtype === 'int32' ? ' int' : ''}`).join(', ');
      table.push([r.id, r.type, shapes || '—', r.params.toLocaleString('en-US')]);
      for (const l of r.layers ?? []) table.push([`  layer ${l.layer}`, `${l.cell} reading ${l.reads}`, l.formula.split(' = ')[0], l.params.toLocaleString('en-US')]);
    }
    const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
    const line = (row: string[]) => row.map((cell, c) => (c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
    io.out(line(table[0]));
    io.out(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const row of table.slice(1)) io.out(line(row));
    io.out(`total parameters: ${analysis.totalParams.toLocaleString('en-US')}`);
    return 0;
  },
};
