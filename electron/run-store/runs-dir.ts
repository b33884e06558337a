import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { RunInfo } from '../../core/api/schemas';
import { RUN_FILES, RUN_ID } from '../../core/run/layout';
import { RunError } from '../../core/run/errors';
import { readMetrics, readRunNote, updateRunNote } from './run-folder';
import { isFolder, listFolder, pathExists, readRunFile, removeRunPath, renameRunPath, sweepTemps, writeRunFile } from './run-files';

/**
 * A runs folder: one folder per run (`NAME.runs/<run id>/` beside a project,
 * or a draft's folder in the data directory). Listing, creating, naming,
 * deleting, and moving or copying a whole runs folder when a document is
 * saved under a new name.
 */

/** A new run id that sorts by time: `20261125-153000-ab12`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** The folder of run `runId`; an id with separators never names a folder. */
export function runDir(runsDir: string, runId: string): string {
  if (!RUN_ID.test(runId)) throw new RunError('not-a-run', `no run "${runId}"`);
  return join(runsDir, runId);
}

/** Every run folder under `runsDir`, newest first. A missing runs folder is no runs. */
export async function listRuns(runsDir: string): Promise<RunInfo[]> {
  const runs: RunInfo[] = [];
  for (const entry of await listFolder(runsDir)) {
    if (!entry.folder || !RUN_ID.test(entry.name)) continue;
    const dir = join(runsDir, entry.name);
    const [note, metrics, hasModel] = await Promise.all([readRunNote(dir), readMetrics(dir), pathExists(join(dir, RUN_FILES.model))]);
    const last = metrics?.at(-1);
    runs.push({
      id: entry.name,
      dir,
      ...(note.name ? { name: note.name } : {}),
      startedAt: note.startedAt,
      status: note.status,
      ...(note.message ? { message: note.message } : {}),
      ...(note.settings ? { settings: note.settings } : {}),
      ...(note.source ? { source: note.source } : {}),
      epochs: last?.epoch ?? 0,
      loss: last?.loss ?? null,
      valLoss: last?.valLoss ?? null,
      backend: note.backend,
      hasModel,
    });
  }
  return runs.sort((a, b) => (b.startedAt ?? b.id).localeCompare(a.startedAt ?? a.id));
}

export async function nameRun(runsDir: string, runId: string, name: string): Promise<void> {
  const dir = runDir(runsDir, runId);
  if (!(await isFolder(dir))) throw new RunError('not-a-run', `no run "${runId}"`);
  await updateRunNote(dir, { name: name.trim() || undefined });
}

export async function deleteRun(runsDir: string, runId: string): Promise<void> {
  const dir = runDir(runsDir, runId);
  if (!(await isFolder(dir))) throw new RunError('not-a-run', `no run "${runId}"`);
  await removeRunPath(dir);
}

/**
 * Moves the runs of `from` into `to` (a document saved for the first time,
 * or saved under a new name with "move"). Runs `to` already has stay; a run
 * of the same id in both keeps the one in `to`; runs in `except` (one still
 * being written) stay. Gives how many moved.
 */
export async function moveRuns(from: string, to: string, except: ReadonlySet<string> = new Set()): Promise<number> {
  let moved = 0;
  for (const entry of await listFolder(from)) {
    if (!entry.folder || !RUN_ID.test(entry.name) || except.has(entry.name)) continue;
    if (await pathExists(join(to, entry.name))) continue;
    await renameRunPath(join(from, entry.name), join(to, entry.name));
    moved++;
  }
  // The old folder goes when nothing but leftovers is in it.
  if ((await listFolder(from)).every((e) => !e.folder || !RUN_ID.test(e.name))) await removeRunPath(from);
  return moved;
}

/** Copies the runs of `from` into `to` (Save As with "copy"); every file is written atomically. Gives how many. */
export async function copyRuns(from: string, to: string, except: ReadonlySet<string> = new Set()): Promise<number> {
  let copied = 0;
  for (const entry of await listFolder(from)) {
    if (!entry.folder || !RUN_ID.test(entry.name) || except.has(entry.name) || (await pathExists(join(to, entry.name)))) continue;
    await copyTree(join(from, entry.name), join(to, entry.name));
    copied++;
  }
  return copied;
}

async function copyTree(from: string, to: string): Promise<void> {
  for (const entry of await listFolder(from)) {
    if (entry.name.endsWith('.tmp')) continue;
    if (entry.folder) await copyTree(join(from, entry.name), join(to, entry.name));
    else await writeRunFile(join(to, entry.name), await readRunFile(join(from, entry.name)));
  }
}

/**
 * What a host does with a runs folder when it starts using it: temporary files
 * of writes that were cut off are removed, and a run whose note still says
 * "running" (its process died) is marked failed, keeping what it wrote.
 */
export async function tidyRuns(runsDir: string): Promise<void> {
  await sweepTemps(runsDir, 4);
  for (const entry of await listFolder(runsDir)) {
    if (!entry.folder || !RUN_ID.test(entry.name)) continue;
    const dir = join(runsDir, entry.name);
    const note = await readRunNote(dir);
    if (note.status === 'running' && !alive(note.pid)) {
      const kept = await pathExists(join(dir, RUN_FILES.model));
      await updateRunNote(dir, { status: 'failed', message: `the run was cut off (the app or the training process stopped)${kept ? '; its last saved weights are kept' : '; it kept no weights'}` });
    }
  }
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
