import { join } from 'node:path';
import { zMetricsLine, type MetricsLine } from '../../core/api/schemas';
import { zModelJson, type ModelFiles } from '../../core/export/tfjs-files';
import type { Checkpoint } from '../../core/train/checkpoint';
import { metricsLine, type EpochEvent } from '../../core/train/events';
import { CHECKPOINT_NAME, checkpointName, KEEP_CHECKPOINTS, RUN_FILES, zCheckpointState, zLatest, zRunNote, type RunNote } from '../../core/run/layout';
import { listFolder, makeRunFolder, readRunFile, readRunText, readRunTextIfAny, removeRunPath, renameRunPath, writeRunFile, writeRunFileSync } from './run-files';

/**
 * The files inside one run folder (layout: core/run/layout.ts): the model,
 * the metrics, the note and the checkpoints. Everything here reads and
 * writes through run-files.ts.
 */

export async function writeModelFiles(dir: string, files: ModelFiles): Promise<void> {
  // Weights first: a model.json is never left naming weights that are not there yet.
  await writeRunFile(join(dir, RUN_FILES.weights), files.weightData);
  await writeRunFile(join(dir, RUN_FILES.model), JSON.stringify(files.modelJson));
}

export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const modelJson = zModelJson.parse(JSON.parse(await readRunText(join(dir, RUN_FILES.model))));
  const weightData = await readRunFile(join(dir, RUN_FILES.weights));
  return { modelJson, weightData };
}

/** Writes a checkpoint folder whole (under a temporary name, then renamed) and points `latest.json` at it; gives its folder. */
export async function writeCheckpoint(runDir: string, cp: Checkpoint): Promise<string> {
  const root = join(runDir, RUN_FILES.checkpoints);
  const name = checkpointName(cp.epoch);
  const final = join(root, name);
  const temp = join(root, `.${name}.tmp`);
  await removeRunPath(temp);
  await writeModelFiles(temp, cp.model);
  await writeRunFile(join(temp, RUN_FILES.optimizer), cp.optimizer.data);
  const state = { epoch: cp.epoch, rngState: cp.rngState, optimizer: cp.optimizer.specs, history: cp.history, ...(cp.firstLoss !== undefined ? { firstLoss: cp.firstLoss } : {}), ...(cp.optimizerScalars ? { optimizerScalars: cp.optimizerScalars } : {}), ...(cp.partial ? { partial: cp.partial } : {}) };
  await writeRunFile(join(temp, RUN_FILES.state), JSON.stringify(state));
  await removeRunPath(final);
  await renameRunPath(temp, final);
  await writeRunFile(join(root, RUN_FILES.latest), JSON.stringify({ epoch: cp.epoch, dir: name }));
  const old = (await listFolder(root)).map((e) => e.name).filter((f) => CHECKPOINT_NAME.test(f) && f !== name).sort();
  for (const f of old.slice(0, Math.max(0, old.length - (KEEP_CHECKPOINTS - 1)))) await removeRunPath(join(root, f));
  return final;
}

/** The newest checkpoint of a run folder, or null when it has none. A damaged one is an error with the reason. */
export async function readLatestCheckpoint(runDir: string): Promise<Checkpoint | null> {
  const root = join(runDir, RUN_FILES.checkpoints);
  const latestText = await readRunTextIfAny(join(root, RUN_FILES.latest));
  if (latestText === null) return null;
  const latest = zLatest.parse(JSON.parse(latestText));
  const dir = join(root, latest.dir);
  const state = zCheckpointState.parse(JSON.parse(await readRunText(join(dir, RUN_FILES.state))));
  return {
    epoch: state.epoch,
    model: await readModelFiles(dir),
    optimizer: { specs: state.optimizer as Checkpoint['optimizer']['specs'], data: await readRunFile(join(dir, RUN_FILES.optimizer)) },
    rngState: state.rngState,
    history: state.history,
    ...(state.firstLoss !== undefined ? { firstLoss: state.firstLoss } : {}),
    ...(state.optimizerScalars ? { optimizerScalars: state.optimizerScalars } : {}),
    ...(state.partial ? { partial: state.partial } : {}),
  };
}

/**
 * `metrics.jsonl` as a run writes it: the whole file is rewritten atomically
 * at each epoch (it is small), synchronously so that lines land in order from
 * an event callback, and a killed write leaves the previous epochs whole.
 */
export class MetricsWriter {
  private lines: string[];

  constructor(
    private readonly runDir: string,
    history: EpochEvent[],
  ) {
    this.lines = history.map((e) => metricsLine(e));
    this.flush();
  }

  append(e: EpochEvent): void {
    this.lines.push(metricsLine(e));
    this.flush();
  }

  private flush(): void {
    writeRunFileSync(join(this.runDir, RUN_FILES.metrics), this.lines.map((l) => l + '\n').join(''));
  }
}

/** The epoch lines of a run; lines that do not parse are skipped. Null when the folder has no metrics file. */
export async function readMetrics(dir: string): Promise<MetricsLine[] | null> {
  const text = await readRunTextIfAny(join(dir, RUN_FILES.metrics));
  if (text === null) return null;
  const lines: MetricsLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = zMetricsLine.safeParse(JSON.parse(line));
      if (parsed.success) lines.push(parsed.data);
    } catch {
      continue;
    }
  }
  return lines;
}

export async function writeRunNote(dir: string, note: RunNote): Promise<void> {
  await makeRunFolder(dir);
  await writeRunFile(join(dir, RUN_FILES.note), JSON.stringify(note, null, 2) + '\n');
}

/** The run's note; a run written by an older `seqwire train` has none, and its metrics still tell its story. */
export async function readRunNote(dir: string): Promise<RunNote> {
  try {
    const text = await readRunTextIfAny(join(dir, RUN_FILES.note));
    if (text !== null) {
      const parsed = zRunNote.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    }
  } catch {
    // A damaged note reads as no note.
  }
  return { startedAt: null, status: 'unknown', backend: null };
}

/** Changes some fields of the note, keeping the rest. */
export async function updateRunNote(dir: string, change: Partial<RunNote>): Promise<RunNote> {
  const note = { ...(await readRunNote(dir)), ...change };
  await writeRunNote(dir, note);
  return note;
}

export async function writeRunGraph(dir: string, graphText: string): Promise<void> {
  await writeRunFile(join(dir, RUN_FILES.graph), graphText);
}
