import { constants, createReadStream, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { systemReason } from './system-errors';

/**
 * Reading files that data names (a dataset, a weight shard, a model.json)
 * without letting the file decide how much the process reads or how long it
 * waits: only regular files are read (a device such as /dev/zero never ends,
 * a FIFO blocks forever), and a read stops at a limit with a clear error.
 */

/** A file that cannot be read as asked: its message is a sentence for the user. */
export class FileReadError extends Error {
  override name = 'FileReadError';
  constructor(
    message: string,
    readonly code: 'not-found' | 'not-a-file' | 'too-large' | 'io-error',
  ) {
    super(message);
  }
}

/** Most bytes of a dataset file Seqwire reads (far above any dataset it trains on in memory). */
export const DATASET_FILE_LIMIT = 1 << 30;
/** Most bytes of a model.json or project file. */
export const DOCUMENT_LIMIT = 64 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${+(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${+(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${+(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a pipe (FIFO)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A file-system failure as a sentence naming `what` and `path`. */
export function readFailure(path: string, what: string, err: unknown): FileReadError {
  if (err instanceof FileReadError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new FileReadError(`cannot read ${what} ${path}: no such file`, 'not-found');
    case 'ENOTDIR':
      return new FileReadError(`cannot read ${what} ${path}: a part of the path is a file, not a folder`, 'not-found');
    case 'EISDIR':
      return new FileReadError(`cannot read ${what} ${path}: it is a folder`, 'not-a-file');
    case 'EACCES':
    case 'EPERM':
      return new FileReadError(`cannot read ${what} ${path}: permission denied`, 'io-error');
    case 'ELOOP':
      return new FileReadError(`cannot read ${what} ${path}: too many symbolic links`, 'io-error');
    case 'ENAMETOOLONG':
      return new FileReadError(`cannot read ${what}: the path is too long`, 'io-error');
    default:
      return new FileReadError(`cannot read ${what} ${path}: ${systemReason(code) ?? (err as Error).message}`, 'io-error');
  }
}

/**
 * Opens `path` for reading if it is a regular file. The type is checked
 * before opening (so a FIFO is never opened, which would block) and again on
 * the open handle (so a file swapped in between is caught). O_NONBLOCK keeps
 * even a swapped-in FIFO from blocking the open.
 */
export async function openRegular(path: string, what: string): Promise<{ handle: FileHandle; size: number }> {
  let before: Stats;
  try {
    before = await stat(path);
  } catch (err) {
    throw readFailure(path, what, err);
  }
  if (!before.isFile()) throw new FileReadError(`cannot read ${what} ${path}: it is ${kindOf(before)}, not a file`, 'not-a-file');
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw readFailure(path, what, err);
  }
  const after = await handle.stat();
  if (!after.isFile()) {
    await handle.close();
    throw new FileReadError(`cannot read ${what} ${path}: it is ${kindOf(after)}, not a file`, 'not-a-file');
  }
  return { handle, size: after.size };
}

function tooLarge(path: string, what: string, limit: number): FileReadError {
  return new FileReadError(`cannot read ${what} ${path}: it is larger than ${formatBytes(limit)}, the most Seqwire reads for ${what}`, 'too-large');
}

/**
 * The bytes of a regular file of at most `limit` bytes. Reads at most
 * `limit + 1` bytes whatever the file claims, so a file that grows while it
 * is read cannot make the process hold more.
 */
export async function readBounded(path: string, options: { limit: number; what: string }): Promise<Buffer> {
  const { handle, size } = await openRegular(path, options.what);
  try {
    if (size > options.limit) throw tooLarge(path, options.what, options.limit);
    const buffer = Buffer.alloc(Math.min(size, options.limit) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        if (filled > options.limit) throw tooLarge(path, options.what, options.limit);
        break;
      }
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    throw readFailure(path, options.what, err);
  } finally {
    await handle.close();
  }
}

/** Like `readBounded`, as UTF-8 text. */
export async function readTextBounded(path: string, options: { limit: number; what: string }): Promise<string> {
  return (await readBounded(path, options)).toString('utf8');
}

/**
 * A regular file as a stream of UTF-8 chunks that ends with a `too-large`
 * error once `limit` bytes have gone by. Node's decoder never cuts a
 * character in two between chunks.
 */
export async function* streamTextBounded(path: string, options: { limit: number; what: string; chunkSize?: number }): AsyncGenerator<string> {
  const { handle, size } = await openRegular(path, options.what);
  if (size > options.limit) {
    await handle.close();
    throw tooLarge(path, options.what, options.limit);
  }
  const stream = createReadStream('', { fd: handle, encoding: 'utf8', highWaterMark: options.chunkSize ?? 1 << 20, autoClose: true });
  let seen = 0;
  try {
    for await (const chunk of stream) {
      seen += Buffer.byteLength(chunk as string);
      if (seen > options.limit) throw tooLarge(path, options.what, options.limit);
      yield chunk as string;
    }
  } catch (err) {
    throw readFailure(path, options.what, err);
  } finally {
    stream.destroy();
  }
}
