import { basename, resolve } from 'node:path';
import { PROJECT_EXTENSION } from '../../core/api/schemas';

/** The document on screen, as the window reports it with `setDocumentState`. */
export interface DocumentState {
  path: string | null;
  name: string;
  dirty: boolean;
}

export const APP_NAME = 'Seqwire';

/** `● digits.seqwire.json — Seqwire`: the file name, and a mark while there are unsaved changes. */
export function windowTitle(doc: DocumentState): string {
  const name = doc.path ? basename(doc.path) : doc.name || 'Untitled';
  return `${doc.dirty ? '● ' : ''}${name} — ${APP_NAME}`;
}

/**
 * The project a command line asks to open: the first argument naming a
 * `.seqwire.json` file (flags and Chromium switches skipped), made absolute
 * against the folder the command ran in.
 */
export function projectFromArgv(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(PROJECT_EXTENSION)) return resolve(cwd, arg);
  }
  return null;
}

/** What closing the window should do, given the answer to "Save changes?" (0 save, 1 discard, 2 cancel). */
export function closeAction(dirty: boolean, answer: () => number): 'close' | 'save-then-close' | 'stay' {
  if (!dirty) return 'close';
  const choice = answer();
  return choice === 0 ? 'save-then-close' : choice === 1 ? 'close' : 'stay';
}
