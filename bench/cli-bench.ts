import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, type BenchModule } from './measure';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/seqwire.mjs');
const TEMPLATE = join(ROOT, 'assets/templates/stroke-generation.seqwire.json');
const RUNS = 7;

/**
 * CPU milliseconds used by this process's finished children (Linux: cutime +
 * cstime of /proc/self/stat, in ticks of 10 ms), else null. Unlike wall time,
 * it hardly moves with the machine's load.
 */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** Wall and CPU milliseconds of one run of `node ARGS`, start to exit, as a user waits for it. */
function timeRun(args: string[]): { wall: number; cpu: number | null } {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - start;
  const cpuAfter = childrenCpuMs();
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().split('\n')[0]}`);
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

/**
 * cliHelpMs and cliValidateMs: the real `seqwire` binary in a child process,
 * median of RUNS runs each, taken in turn; beside them the start-up of a bare
 * `node -e 0`, which is what the machine's load alone costs.
 */
export const cliBench: BenchModule = {
  name: 'cli',
  async run() {
    // The first run builds the bundle when a source changed since the last build; it is not measured.
    timeRun([BIN, '--help']);
    const runs = { bare: [] as ReturnType<typeof timeRun>[], help: [] as ReturnType<typeof timeRun>[], validate: [] as ReturnType<typeof timeRun>[] };
    for (let i = 0; i < RUNS; i++) {
      runs.bare.push(timeRun(['-e', '0']));
      runs.help.push(timeRun([BIN, '--help']));
      runs.validate.push(timeRun([BIN, 'validate', TEMPLATE]));
    }
    const wall = (key: keyof typeof runs) => median(runs[key].map((r) => r.wall));
    const cpu = (key: keyof typeof runs) => (runs[key].every((r) => r.cpu !== null) ? median(runs[key].map((r) => r.cpu!)) : null);
    const cpuNote = (key: keyof typeof runs) => (cpu(key) === null ? '' : `, CPU ${cpu(key)} ms`);
    const note = `bin/seqwire.mjs in a child process, median of ${RUNS}; node -e 0 alone takes ${wall('bare').toFixed(0)} ms here${cpuNote('bare')}`;
    return [
      { name: 'cliHelpMs', value: wall('help'), unit: 'ms', note: `seqwire --help${cpuNote('help')}: ${note}` },
      { name: 'cliValidateMs', value: wall('validate'), unit: 'ms', target: '< 500', pass: wall('validate') < 500, note: `seqwire validate of the stroke template${cpuNote('validate')}: ${note}` },
    ];
  },
};
