import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../core/api/errors';
import { PROJECT_EXTENSION } from '../../core/api/schemas';
import { realPathOf } from './confine';

/**
 * Which paths the host may touch. The window is not trusted with the file
 * system: it may name only paths the user chose (a native dialog, a recent
 * file, a file given by the OS), paths under the project folder of browser
 * mode (whose in-app chooser is the dialog there), and the runs folders beside
 * those projects. Everything else is refused with `refused-path`.
 */
export class PathPolicy {
  private readonly chosen = new Set<string>();

  constructor(private readonly projectRoot: string | null) {}

  /** Remembers a path the user chose (dialog, recent file, OS open). */
  allow(path: string): string {
    const abs = resolve(path);
    this.chosen.add(abs);
    return abs;
  }

  isChosen(path: string): boolean {
    return this.chosen.has(resolve(path));
  }

  /** The project folder of browser mode, or null (Electron: dialogs only). */
  get root(): string | null {
    return this.projectRoot;
  }

  /**
   * An absolute path for `path`, or `refused-path`. Relative paths are taken
   * from the project folder; without one they mean nothing to the host.
   */
  absolute(path: string): string {
    if (isAbsolute(path)) return resolve(path);
    if (this.projectRoot) return resolve(this.projectRoot, path);
    throw new ApiError('refused-path', `${path}: a relative path needs a project folder; choose the file with the dialog`);
  }

  /**
   * True when `abs` is inside the project folder once symbolic links are
   * followed, so a link inside the folder cannot lead outside it. For a path
   * that does not exist yet, its nearest existing ancestor is checked.
   */
  async isUnderRoot(abs: string): Promise<boolean> {
    if (!this.projectRoot) return false;
    const root = await realPathOf(this.projectRoot);
    const real = await realPathOf(abs);
    return real === root || isInside(root, real);
  }

  /** A path the user may read or overwrite: chosen before, or under the project folder. */
  async check(path: string, what: string): Promise<string> {
    const abs = this.absolute(path);
    if (this.chosen.has(abs) || (await this.isUnderRoot(abs))) return abs;
    throw new ApiError('refused-path', `${what} ${abs}: not a file you opened or chose${this.projectRoot ? `, and not under the project folder ${this.projectRoot}` : ''}`);
  }

  /** Like `check`, for a project file: it must also end with `.seqwire.json`. */
  async checkProject(path: string): Promise<string> {
    if (!path.toLowerCase().endsWith(PROJECT_EXTENSION)) throw new ApiError('refused-path', `${path}: a project file name ends with ${PROJECT_EXTENSION}`);
    return this.check(path, 'project');
  }

  /** The runs folder beside a project the user may use: `NAME.runs/` for `NAME.seqwire.json`. */
  async runsDirOf(project: string): Promise<string> {
    const abs = await this.checkProject(project);
    return runsDirBeside(abs);
  }
}

export function runsDirBeside(projectPath: string): string {
  const name = basename(projectPath).slice(0, -PROJECT_EXTENSION.length) || 'project';
  return join(dirname(projectPath), `${name}.runs`);
}

/** True when `child` is strictly inside `parent` (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}
