import { lstat, mkdir, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../core/api/errors';
import { parseGraphText, saveGraph } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { DOCUMENT_LIMIT, FileReadError, readTextBounded } from '../data/bounded-read';
import { systemReason } from '../data/system-errors';
import { writeAtomic } from '../run-store/run-files';

/**
 * Writes `text` to `path` so that the file is either the old one or the new
 * one, never half of each: a temporary file beside it, flushed to disk, then
 * renamed over it (rename is atomic within one folder).
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeAtomic(path, text, 0o644, writing);
  } catch (err) {
    throw ioError(path, err, 'write');
  }
  await removeStaleTemps(path);
}

/** Temporary files this process is writing now (never removed as stale). */
const writing = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what killed saves of `path` left behind: `.NAME.PID.HEX.tmp` files
 * whose writer is gone (or that are over a day old, in case the id was
 * reused). Saves in progress, here or in another live process, are left.
 */
export async function removeStaleTemps(path: string): Promise<number> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const temp = join(dir, name);
    if (writing.has(temp)) continue;
    const pid = Number(match[1]);
    const old = await lstat(temp).then((s) => Date.now() - s.mtimeMs > 24 * 3600 * 1000, () => false);
    const liveWriter = pid !== process.pid && alive(pid);
    if (liveWriter && !old) continue;
    if (await unlink(temp).then(() => true, () => false)) removed++;
  }
  return removed;
}

/** Saves a graph as a project file, atomically; the folder must exist. */
export async function saveProject(path: string, graph: Graph): Promise<void> {
  await writeFileAtomic(path, saveGraph(graph));
}

/** Reads a project file; a bad file is `bad-file` with the reason, and nothing changes. */
export async function readProject(path: string): Promise<{ graph: Graph; notes: string[] }> {
  const text = await readText(path);
  const result = parseGraphText(text);
  if (!result.ok) throw new ApiError('bad-file', `${path}: ${result.error}`);
  return { graph: result.graph, notes: result.notes };
}

/** A regular file's text, at most `limit` bytes; a device, FIFO or folder is refused, not read. */
export async function readText(path: string, limit = DOCUMENT_LIMIT): Promise<string> {
  try {
    return await readTextBounded(path, { limit, what: 'the file' });
  } catch (err) {
    throw ioError(path, err, 'read');
  }
}

export async function ensureDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (err) {
    throw ioError(path, err, 'create');
  }
}

/** A file-system failure as the user should read it. */
export function ioError(path: string, err: unknown, verb: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof FileReadError) return new ApiError(err.code === 'not-found' ? 'not-found' : err.code === 'io-error' ? 'io-error' : 'bad-file', err.message);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ApiError('not-found', `cannot ${verb} ${path}: no such file or folder`);
  if (code === 'EISDIR') return new ApiError('bad-file', `cannot ${verb} ${path}: it is a folder`);
  if (code === 'ENOTDIR') return new ApiError('not-found', `cannot ${verb} ${path}: a part of the path is a file, not a folder`);
  if (code === 'EEXIST') return new ApiError('io-error', `cannot ${verb} ${path}: a file of that name is in the way`);
  const why = systemReason(code) ?? (err as Error).message;
  return new ApiError('io-error', `cannot ${verb} ${path}: ${why}`);
}
