import type { SampleProbe } from '../../../core/probe/sample';
import { probeFromRun } from '../../../core/run/probe';
import { selectBackend } from '../../backend/select';
import { readRunDir } from '../../run-store';
import { CliError, requireArg, type Command } from '../command';
import { cliRun } from '../run-errors';

const USAGE = 'seqwire probe RUNDIR [--sample N] [--node ID]... [--wire NODE.PORT]... [--json]';

/**
 * Looks inside a trained run for one sample of its validation split: the
 * states and gates of its recurrent layers at every step, attention weights,
 * the values on its wires. The same work as the window's probe view.
 */
export const probeCommand: Command = {
  name: 'probe',
  summary: "show what flows inside a trained run for one validation sample: each recurrent layer's states and gates per step, attention, where glimpses looked, wire values",
  usage: USAGE,
  options: { sample: { type: 'string' }, node: { type: 'string', multiple: true }, wire: { type: 'string', multiple: true }, json: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    const dir = requireArg(positionals, 0, 'RUNDIR', USAGE);
    const sample = values.sample === undefined ? 0 : Number(values.sample);
    if (!Number.isInteger(sample) || sample < 0) throw new CliError(`--sample takes a sample number (0, 1, ...), not "${String(values.sample)}"\nusage: ${USAGE}`);
    const nodes = values.node as string[] | undefined;
    const wires = values.wire as string[] | undefined;
    await selectBackend();
    const run = await cliRun(() => readRunDir(dir));
    try {
      // Asked for nodes only, show no wires unless asked; asked for nothing, show everything.
      const result = await cliRun(() => probeFromRun(run, { sample, nodes, wires: wires ?? (nodes ? [] : undefined) }));
      if (values.json) io.out(JSON.stringify(result));
      else for (const line of describe(result)) io.out(line);
      return 0;
    } finally {
      run.compiled.model.dispose();
    }
  },
};

function describe(p: SampleProbe): string[] {
  const lines = [`sample ${p.sample} of ${p.splitSize} in the ${p.split} split (dataset row ${p.datasetIndex})`];
  for (const input of p.inputs) {
    const shown = input.tokens ? JSON.stringify(input.tokens.join('')) : `[${input.shape.join(', ')}]`;
    lines.push(`  input ${input.nodeId} (${input.field}): ${shown}`);
  }
  for (const t of p.targets) lines.push(`  target ${t.nodeId} (${t.field}): ${t.shape.length === 0 ? (t.tokens?.[0] ?? String(t.values[0])) : `[${t.shape.join(', ')}]`}`);
  for (const g of p.glimpses) {
    lines.push(`  ${g.nodeId}: ${g.boxes.length} glimpses of ${g.grid} x ${g.grid} filters on [${g.image.shape.join(', ')}]; where it looked (pixels), and then:`);
    g.boxes.forEach((b, t) => {
      const then = g.heads.map((h) => {
        const row = h.perStep[t];
        const k = row.indexOf(Math.max(...row));
        return `${h.nodeId} ${k}${h.head === 'softmax' ? ` (${Math.round(row[k] * 100)}%)` : ''}`;
      });
      lines.push(`    ${t + 1}: centre (${(b.left + b.width / 2).toFixed(1)}, ${(b.top + b.height / 2).toFixed(1)}), ${b.width.toFixed(1)} wide, blur ${b.blur.toFixed(2)}, gain ${b.gain.toFixed(2)}${then.length ? `; ${then.join(', ')}` : ''}`);
    });
  }
  for (const c of p.cells) {
    const last = c.h[c.steps - 1] ?? [];
    const gates = Object.entries(c.gates).map(([g, m]) => `${g} ${mean(m.flat()).toFixed(2)}`).join(', ');
    lines.push(`  ${c.layer}${c.direction === 'backward' ? ' (backward)' : ''}: ${c.cell}, ${c.steps} steps x ${c.units} units; last |h| ${norm(last).toFixed(3)}${gates ? `; mean gates ${gates}` : ''}`);
  }
  for (const a of p.attention) lines.push(`  ${a.nodeId}: attention ${a.weights.length} x ${a.weights[0]?.length ?? 0}; strongest value step per query step ${a.weights.map((r) => r.indexOf(Math.max(...r))).join(' ')}`);
  for (const w of p.wires) lines.push(`  wire ${w.wire}: [${w.shape.join(', ')}]`);
  for (const n of p.notes) lines.push(`note: ${n}`);
  return lines;
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
const norm = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
