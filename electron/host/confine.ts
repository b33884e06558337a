import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../core/api/errors';
import { clip } from '../../core/quote';

/**
 * Path confinement by real paths. Text comparison is not enough: a link
 * inside a folder (`data-link.csv -> /elsewhere/secret.csv`) leads out of
 * it, and `a/../../b` walks out. Every check here follows links first, and a
 * refusal reads the same whether or not the outside path exists, so a
 * refusal never tells what exists outside.
 */

/** True when `child` is `parent` itself or below it (both absolute and normalised). */
export function within(parent: string, child: string): boolean {
  if (parent === child) return true;
  const rel = relative(parent, child);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/**
 * The real path of `abs` with links followed; for a path that does not exist
 * (yet), the real path of its nearest existing ancestor with the rest
 * appended, so a file about to be written is checked where it would land.
 */
export async function realPathOf(abs: string): Promise<string> {
  let current = resolve(abs);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(current), ...rest);
    } catch {
      const parent = dirname(current);
      if (parent === current) return resolve(abs);
      rest.unshift(basename(current));
      current = parent;
    }
  }
}

/** True when `abs`, links followed, lies in `root` (links in `root`'s own path followed too). */
export async function isWithin(root: string, abs: string): Promise<boolean> {
  const [realRoot, real] = await Promise.all([realPathOf(root), realPathOf(abs)]);
  return within(realRoot, real);
}

/**
 * `path` (relative to `root`, or absolute) as a real path inside `root`, or
 * `refused-path`. `what` names the thing in the message ("resumeFrom").
 */
export async function resolveInside(root: string, path: string, what: string): Promise<string> {
  const abs = isAbsolute(path) ? resolve(path) : resolve(root, path);
  const [realRoot, real] = await Promise.all([realPathOf(root), realPathOf(abs)]);
  if (!within(realRoot, real)) throw new ApiError('refused-path', `${what} ${JSON.stringify(clip(path, 200))}: not inside ${root}`);
  return real;
}
