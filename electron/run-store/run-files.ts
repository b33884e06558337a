import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TEMP_NAME } from '../../core/run/layout';
import { DOCUMENT_LIMIT, FileReadError, readBounded, readTextBounded } from '../data/bounded-read';
import { WEIGHTS_LIMIT } from '../data/weight-shards';

/**
 * The one door through which the run layer touches the disk: every read and
 * write of a run folder's files goes through these functions, so a rule about
 * paths (confinement, size bounds) applies here once.
 *
 * Writes are atomic: a temporary file beside the target, flushed to disk, then
 * renamed over it; a run killed mid-write leaves the old file and a `.tmp`
 * that `sweepTemps` removes at the next start.
 */

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to `path` atomically, creating its folder. */
export async function writeRunFile(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, data, mode);
}

/**
 * Writes `data` to `path` atomically in a folder that exists; the host's
 * project and settings files use it too. `inFlight`, when given, holds the
 * temporary file's name while it is written (so a sweep of stale temps leaves it).
 */
export async function writeAtomic(path: string, data: string | Uint8Array, mode = 0o644, inFlight?: Set<string>): Promise<void> {
  const temp = tempBeside(path);
  let handle;
  inFlight?.add(temp);
  try {
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  } finally {
    inFlight?.delete(temp);
  }
}

/** The same, synchronously: for writes that must land in order from an event callback. */
export function writeRunFileSync(path: string, data: string | Uint8Array): void {
  const temp = tempBeside(path);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw err;
  }
}

/**
 * The bytes of a run's file: a regular file only (a device or FIFO planted in
 * a run folder is refused, not read) and at most `limit` bytes; failures are
 * `FileReadError`s whose message is a sentence.
 */
export async function readRunFile(path: string, limit = WEIGHTS_LIMIT): Promise<Uint8Array> {
  return new Uint8Array(await readBounded(path, { limit, what: 'the file' }));
}

export async function readRunText(path: string, limit = DOCUMENT_LIMIT): Promise<string> {
  return readTextBounded(path, { limit, what: 'the file' });
}

/** The text of a file, or null when it does not exist (other failures throw). */
export async function readRunTextIfAny(path: string): Promise<string | null> {
  try {
    return await readRunText(path);
  } catch (err) {
    if (err instanceof FileReadError && err.code === 'not-found') return null;
    throw err;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The entries of a folder; none when it does not exist. */
export async function listFolder(dir: string): Promise<{ name: string; folder: boolean }[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, folder: e.isDirectory() }));
  } catch {
    return [];
  }
}

export async function removeRunPath(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

export async function renameRunPath(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rename(from, to);
}

export async function makeRunFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

/**
 * Removes the temporary files and folders of writes that were cut off
 * (`.NAME.….tmp`), in `dir` and the folders below it, down to `depth`.
 * Gives how many it removed.
 */
export async function sweepTemps(dir: string, depth = 3): Promise<number> {
  let removed = 0;
  for (const entry of await listFolder(dir)) {
    const path = join(dir, entry.name);
    if (TEMP_NAME.test(entry.name)) {
      await removeRunPath(path);
      removed++;
    } else if (entry.folder && depth > 0) removed += await sweepTemps(path, depth - 1);
  }
  return removed;
}
