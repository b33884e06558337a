/**
 * System errors as words. A message never shows `EEXIST: file already
 * exists, mkdir '/x'` to a user: it says what could not be done to which
 * path, and why, in a sentence.
 */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file of that name is in the way',
  ENOTEMPTY: 'the folder is not empty',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another disk',
  EIO: 'the disk failed to read or write',
  EAGAIN: 'the file is not ready (a pipe or device?)',
};

/** The reason for a system error code, or null when `code` is not one. */
export function systemReason(code: unknown): string | null {
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  return Object.hasOwn(REASONS, code) ? REASONS[code] : `the system refused (${code})`;
}

const VERBS: Record<string, string> = { open: 'open', read: 'read', write: 'write', mkdir: 'create the folder', rename: 'rename', unlink: 'remove', rmdir: 'remove', scandir: 'list', stat: 'read', lstat: 'read', copyfile: 'copy', realpath: 'find' };

/** A Node system error (`err.code`, `err.syscall`, `err.path`) as a sentence, or null when `err` is not one. */
export function describeSystemError(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException | null;
  const reason = systemReason(e?.code);
  if (reason === null) return null;
  const verb = e?.syscall && Object.hasOwn(VERBS, e.syscall) ? VERBS[e.syscall] : 'use';
  return e?.path ? `cannot ${verb} ${e.path}: ${reason}` : `cannot ${verb} a file: ${reason}`;
}
