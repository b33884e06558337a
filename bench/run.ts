import os from 'node:os';
import type { BenchModule, Figure } from './measure';
import { BENCH_MODULES, EXTRA_BENCH_MODULES } from './modules';

/**
 * `npm run bench` prints a table; `npm run bench -- --json` one JSON object.
 * `--quality` adds the slow learning-quality figures; `--only NAME` runs one module.
 */
async function main(argv: string[]) {
  const json = argv.includes('--json');
  const quality = argv.includes('--quality');
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const modules = only ? [...BENCH_MODULES, ...EXTRA_BENCH_MODULES].filter((m: BenchModule) => m.name === only) : BENCH_MODULES.filter((m: BenchModule) => quality || !m.slow);
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  const figures: Figure[] = [];
  for (const module of modules) {
    if (!json) process.stderr.write(`running ${module.name}...\n`);
    try {
      figures.push(...(await module.run()));
    } catch (err) {
      figures.push({ name: module.name, value: null, unit: '', note: `failed: ${(err as Error).message}` });
    }
  }
  if (json) {
    process.stdout.write(JSON.stringify({ machine, date: new Date().toISOString(), figures: Object.fromEntries(figures.map((f) => [f.name, f])) }, null, 2) + '\n');
    return;
  }
  const rows = [['figure', 'value', 'target', '', 'note'], ...figures.map((f) => [
    f.name,
    f.value === null ? '—' : `${round(f.value)} ${f.unit}`.trim(),
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED',
    f.note ?? '',
  ])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}\n`);
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
}

function round(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

await main(process.argv.slice(2));
