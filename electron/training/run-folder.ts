import { appendFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Checkpoint } from '../../core/train/checkpoint';
import { metricsLine, zEpochEvent, type EpochEvent } from '../../core/train/events';
import { WEIGHTS_FILE, zModelJson, type ModelFiles } from '../../core/export/tfjs-files';

/**
 * The files of a run folder that training writes:
 *
 *   model.json, weights.bin     the trained model (tfjs layers format), at the end
 *   metrics.jsonl               one line per epoch: epoch, loss, valLoss, metrics
 *   graph.seqwire.json          the graph it was trained from
 *   checkpoints/epoch-NNNN/     model.json, weights.bin, optimizer.bin, state.json
 *   checkpoints/latest.json     which checkpoint is the newest
 *
 * A checkpoint folder is written under a temporary name and renamed when
 * complete, so a run killed mid-write leaves the previous checkpoint intact.
 */
export const RUN_FILE_NAMES = { model: 'model.json', weights: WEIGHTS_FILE, metrics: 'metrics.jsonl', graph: 'graph.seqwire.json', checkpoints: 'checkpoints' } as const;

/** How many checkpoints a run keeps (the newest ones). */
const KEEP_CHECKPOINTS = 2;

const zCheckpointState = z.object({
  epoch: z.number().int().min(0),
  rngState: z.number().int(),
  optimizer: z.array(z.looseObject({ name: z.string(), shape: z.array(z.number().int()), dtype: z.string() })),
  history: z.array(zEpochEvent),
});
const zLatest = z.object({ epoch: z.number().int(), dir: z.string() });

export async function writeModelFiles(dir: string, files: ModelFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, RUN_FILE_NAMES.weights), files.weightData);
  await writeFile(join(dir, RUN_FILE_NAMES.model), JSON.stringify(files.modelJson));
}

export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const modelJson = zModelJson.parse(JSON.parse(await readFile(join(dir, RUN_FILE_NAMES.model), 'utf8')));
  const weightData = new Uint8Array(await readFile(join(dir, RUN_FILE_NAMES.weights)));
  return { modelJson, weightData };
}

/** Writes a checkpoint and points `latest.json` at it; gives its folder. */
export async function writeCheckpoint(runDir: string, cp: Checkpoint): Promise<string> {
  const root = join(runDir, RUN_FILE_NAMES.checkpoints);
  const name = `epoch-${String(cp.epoch).padStart(4, '0')}`;
  const final = join(root, name);
  const temp = join(root, `.${name}.tmp`);
  await rm(temp, { recursive: true, force: true });
  await writeModelFiles(temp, cp.model);
  await writeFile(join(temp, 'optimizer.bin'), cp.optimizer.data);
  const state = { epoch: cp.epoch, rngState: cp.rngState, optimizer: cp.optimizer.specs, history: cp.history };
  await writeFile(join(temp, 'state.json'), JSON.stringify(state));
  await rm(final, { recursive: true, force: true });
  await rename(temp, final);
  await writeFile(join(root, '.latest.json.tmp'), JSON.stringify({ epoch: cp.epoch, dir: name }));
  await rename(join(root, '.latest.json.tmp'), join(root, 'latest.json'));
  const old = (await readdir(root)).filter((f) => /^epoch-\d{4}$/.test(f) && f !== name).sort();
  for (const f of old.slice(0, Math.max(0, old.length - (KEEP_CHECKPOINTS - 1)))) await rm(join(root, f), { recursive: true, force: true });
  return final;
}

/** The newest checkpoint of a run folder, or null when it has none. A damaged one is an error with the reason. */
export async function readLatestCheckpoint(runDir: string): Promise<Checkpoint | null> {
  const root = join(runDir, RUN_FILE_NAMES.checkpoints);
  let latestText: string;
  try {
    latestText = await readFile(join(root, 'latest.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const latest = zLatest.parse(JSON.parse(latestText));
  const dir = join(root, latest.dir);
  const state = zCheckpointState.parse(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')));
  return {
    epoch: state.epoch,
    model: await readModelFiles(dir),
    optimizer: { specs: state.optimizer as Checkpoint['optimizer']['specs'], data: new Uint8Array(await readFile(join(dir, 'optimizer.bin'))) },
    rngState: state.rngState,
    history: state.history,
  };
}

/** Starts `metrics.jsonl` afresh, or with the epochs a resumed run already has. */
export async function resetMetrics(runDir: string, history: EpochEvent[]): Promise<void> {
  await writeFile(join(runDir, RUN_FILE_NAMES.metrics), history.map((e) => metricsLine(e) + '\n').join(''));
}

/** Appends one epoch's line; synchronous so lines land in order from an event callback. */
export function appendMetrics(runDir: string, e: EpochEvent): void {
  appendFileSync(join(runDir, RUN_FILE_NAMES.metrics), metricsLine(e) + '\n');
}
