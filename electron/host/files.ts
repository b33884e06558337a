import { mkdir, readFile } from 'node:fs/promises';
import { ApiError } from '../../core/api/errors';
import { parseGraphText, saveGraph } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { writeAtomic } from '../run-store/run-files';

/**
 * Writes `text` to `path` so that the file is either the old one or the new
 * one, never half of each: a temporary file beside it, flushed to disk, then
 * renamed over it (rename is atomic within one folder); the write is
 * electron/run-store/run-files.ts's, failures said as API errors.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeAtomic(path, text);
  } catch (err) {
    throw ioError(path, err, 'write');
  }
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

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
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
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ApiError('not-found', `cannot ${verb} ${path}: no such file or folder`);
  if (code === 'EISDIR') return new ApiError('bad-file', `cannot ${verb} ${path}: it is a folder`);
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'the disk is full' : (err as Error).message;
  return new ApiError('io-error', `cannot ${verb} ${path}: ${why}`);
}
