import type { DatasetRef } from '../graph/schema';
import { BUILTINS } from './builtins/index';
import type { DataHost } from './define';
import { FILE_FORMATS } from './formats/index';
import { resolveOptions } from './options';
import { DataError, type Dataset } from './types';

/** Why a dataset could not be made, for the user: the file and line when there are some. */
export interface DataIssue {
  file: string | null;
  line: number | null;
  message: string;
}

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; issue: DataIssue };

/**
 * Makes the dataset a graph's `training.dataset` names. User mistakes (an
 * unknown name, a bad option, bad data, a missing file) come back as an
 * issue with a message; only bugs throw.
 */
export async function loadDataset(ref: DatasetRef, host: DataHost): Promise<LoadResult> {
  const fail = (message: string, file: string | null = null, line: number | null = null): LoadResult => ({ ok: false, issue: { file, line, message } });
  let fileName: string | null = null;
  try {
    if ('builtin' in ref) {
      const builtin = BUILTINS.find((b) => b.name === ref.builtin);
      if (!builtin) return fail(`there is no built-in dataset "${ref.builtin}"; the built-ins are ${BUILTINS.map((b) => b.name).join(', ')}`);
      const options = resolveOptions(builtin.name, builtin.options, ref.options);
      if (!options.ok) return fail(options.problems.join('; '));
      return { ok: true, dataset: await builtin.create(options.values, host) };
    }
    fileName = ref.file;
    const format = FILE_FORMATS.find((f) => f.format === ref.format);
    if (!format) return fail(`${ref.file}: there is no dataset format "${ref.format}"; the formats are ${FILE_FORMATS.map((f) => f.format).join(', ')}`, ref.file);
    const options = resolveOptions(`${ref.file} (${format.format})`, format.options, ref.options);
    if (!options.ok) return fail(options.problems.join('; '), ref.file);
    return { ok: true, dataset: await format.parse(host.openText(ref.file), options.values, ref.file) };
  } catch (e) {
    if (e instanceof DataError) return fail(e.message, e.file, e.line);
    // The host's reader explains itself (a device, a FIFO, too large, outside the project).
    if (fileName !== null && e instanceof Error && (e.name === 'FileReadError' || e.name === 'ApiError')) return fail(e.message, fileName);
    // A file the host cannot read (missing, a folder, no permission) carries a system error code.
    const code = (e as { code?: unknown } | null)?.code;
    if (fileName !== null && typeof code === 'string') return fail(`${fileName}: cannot read the file (${systemReason(code)})`, fileName);
    throw e;
  }
}

/** A system error code as words. */
function systemReason(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return `the system said ${code}`;
  }
}
