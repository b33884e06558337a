import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { selectBackend } from '../electron/backend/select';
import { fusedRecurrentUse, setFusedRecurrent, setFusedWholeStep } from '../electron/backend';
import { describeFusedUse } from './fused';
import { median, type BenchModule } from './measure';
import { loopEpochRates } from './train-rate';
import { referenceData, referenceGraph } from './train-reference';

const run = promisify(execFile);
const SAMPLES = 640;
const ROUNDS = 3;

/** What the PyTorch twin (torch_reference.py) prints. */
interface TorchResult {
  samplesPerSec: number;
  torch: string;
  threads: number;
  cpuCapability: string | null;
  blasInfo: string | null;
  blas: { libraries: string[]; openblas?: string; openblasCore?: string; openblasThreads?: number };
}

/**
 * The environment of the PyTorch run. Some machines here set OPENBLAS_CORETYPE
 * and OPENBLAS_L2_SIZE because older OpenBLAS builds misbehave on their
 * processors; they slow a current one, so the twin runs without both, and
 * with one thread as Seqwire trains on one.
 */
function torchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** The first interpreter where `import torch` works: SEQWIRE_TORCH_PYTHON, Debian's python3, then the one on PATH. */
export function findTorchPython(): { python?: string; tried: string[] } {
  const candidates = [...new Set([process.env.SEQWIRE_TORCH_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p))];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { env: torchEnv(), stdio: 'ignore', timeout: 60_000 });
    if (probe.status === 0) return { python, tried: candidates };
  }
  return { tried: candidates };
}

async function torchRate(python: string): Promise<TorchResult> {
  const script = join(import.meta.dirname, 'torch_reference.py');
  const { stdout } = await run(python, [script, '--samples', String(SAMPLES), '--epochs', '2', '--warmup', '1'], { env: torchEnv(), timeout: 300_000 });
  return JSON.parse(stdout) as TorchResult;
}

function describeTorch(t: TorchResult): string {
  const blas = t.blas.openblas ? `${t.blas.openblas.split(' ').slice(0, 2).join(' ')}, ${t.blas.openblasCore} kernels, ${t.blas.openblasThreads} thread` : `BLAS ${t.blasInfo}: ${t.blas.libraries.map((l) => l.split('/').pop()).join(', ') || 'none loaded'}`;
  return `PyTorch ${t.torch}, ${t.threads} thread, ${t.cpuCapability ?? '?'} kernels, ${blas}`;
}

/**
 * The reference model in Seqwire (wasm backend, fused recurrent kernels on and
 * off) and in PyTorch on one thread, run in turn
 * round after round so that the machine's load hits every side alike; each
 * figure is the median of the rounds.
 */
export const torchBench: BenchModule = {
  name: 'vs-pytorch',
  async run() {
    await selectBackend('wasm');
    const { python, tried } = findTorchPython();
    const { dataset } = referenceData(SAMPLES);
    const fusedOn: number[] = [];
    const layersOnly: number[] = [];
    const fusedOff: number[] = [];
    const torch: number[] = [];
    let torchInfo: TorchResult | undefined;
    let use = fusedRecurrentUse();
    // The whole step in one kernel call; the fused layers inside tfjs's step; no fused kernel at all.
    const seqwire = async (mode: 'whole' | 'layers' | 'off', into: number[]) => {
      setFusedRecurrent(mode !== 'off');
      setFusedWholeStep(mode === 'whole');
      into.push(median(await loopEpochRates(referenceGraph(), dataset, 2)));
      if (mode === 'whole') use = fusedRecurrentUse();
    };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await seqwire('whole', fusedOn);
        await seqwire('layers', layersOnly);
        await seqwire('off', fusedOff);
        if (python) {
          torchInfo = await torchRate(python);
          torch.push(torchInfo.samplesPerSec);
        }
      }
    } finally {
      setFusedRecurrent(true);
      setFusedWholeStep(true);
      await selectBackend();
    }
    const ours = median(fusedOn);
    const layers = median(layersOnly);
    const unfused = median(fusedOff);
    const theirs = torch.length ? median(torch) : null;
    const ratio = theirs ? ours / theirs : null;
    const model = `reference model (2 × LSTM 64, 20 steps × 8, batch 32, 4 classes, adam), ${SAMPLES} samples, median of ${ROUNDS} interleaved rounds`;
    return [
      { name: 'vsPyTorch.seqwire', value: ours, unit: 'samples/s', note: `wasm, fused path on (${describeFusedUse(use)}); ${model}` },
      { name: 'vsPyTorch.seqwireLayersOnly', value: layers, unit: 'samples/s', note: 'wasm, fused layers inside tfjs\'s step (the whole step switched off)' },
      { name: 'vsPyTorch.seqwireUnfused', value: unfused, unit: 'samples/s', note: 'wasm, fused path off: every layer on tfjs kernels' },
      {
        name: 'vsPyTorch.pytorch', value: theirs, unit: 'samples/s',
        note: python && torchInfo ? `${python}: ${describeTorch(torchInfo)}; OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this run only` : `PyTorch absent: no interpreter could import torch (tried ${tried.join(', ')})`,
      },
      {
        name: 'vsPyTorch.ratio', value: ratio, unit: '×', target: '≥ 1.0 (aim 1.25)', pass: ratio === null ? undefined : ratio >= 1,
        note: ratio === null || theirs === null ? 'no PyTorch to compare with' : `Seqwire (fused on) / PyTorch, same machine, same run; fused layers only ${(layers / theirs).toFixed(2)}×, unfused ${(unfused / theirs).toFixed(2)}×`,
      },
    ];
  },
};
