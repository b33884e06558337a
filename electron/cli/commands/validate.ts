import { describeDatasets } from '../../../core/data/catalogue';
import { analyzeGraph } from '../../../core/validate/analyze';
import type { Diagnostic } from '../../../core/validate/codes';
import { checkTraining } from '../../../core/validate/training';
import { requireArg, type Command } from '../command';
import { readGraphFile } from '../read-graph';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a graph and its training section: exit 0 when valid, 1 when not, 2 when the file cannot be read',
  usage: 'seqwire validate FILE [--json]',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const { graph } = await readGraphFile(requireArg(positionals, 0, 'FILE', validateCommand.usage));
    const analysis = analyzeGraph(graph);
    const { nodes, totalParams } = analysis;
    // The training section too: dataset names and bound fields, from the catalogue alone (no data is read).
    const diagnostics = [...analysis.diagnostics, ...checkTraining(graph, describeDatasets())];
    const valid = analysis.valid && !diagnostics.some((d) => d.severity === 'error');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    if (values.json) {
      io.out(JSON.stringify({ valid, errors: errors.map(toJson), warnings: warnings.map(toJson) }));
    } else {
      for (const d of errors) io.out(formatDiagnostic(d));
      for (const d of warnings) io.out(`${formatDiagnostic(d)} (warning)`);
      if (valid) io.out(`valid: ${nodes.size} nodes, ${graph.edges.length} edges, ${totalParams.toLocaleString('en-US')} parameters`);
      else io.err(`invalid: ${errors.length} error${errors.length === 1 ? '' : 's'}`);
    }
    return valid ? 0 : 1;
  },
};

/** `nodeId: message`, as the CLI and scripts read it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.nodeId || '(graph)'}: ${d.message}`;
}

function toJson(d: Diagnostic) {
  return { code: d.code, nodeId: d.nodeId, port: d.port ?? null, message: d.message };
}
