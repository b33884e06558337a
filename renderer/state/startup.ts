import { create } from 'zustand';
import { host, type RecoveryCopy } from '../host/host';
import { openRecent, openText } from './files';

/**
 * What the window does when it starts: offer back unsaved work if a copy
 * survived, else reopen the last project (unless the user chose to start
 * empty), else show the template gallery.
 */
interface StartupState {
  /** The recovery copy on offer, until restored or discarded. */
  recovery: RecoveryCopy | null;
  restore(): Promise<void>;
  discard(): Promise<void>;
}

const REOPEN_KEY = 'seqwire.reopenLast';

export const useStartup = create<StartupState>()((set, get) => ({
  recovery: null,
  restore: async () => {
    const copy = get().recovery;
    if (!copy) return;
    set({ recovery: null });
    await openText({ path: copy.path, name: copy.path ?? 'recovered project', text: copy.text }, { dirty: true, ...(copy.draft ? { draft: copy.draft } : {}) });
  },
  discard: async () => {
    set({ recovery: null });
    await host.clearRecovery();
  },
}));

/** Whether the last project reopens on start; on unless the user turned it off. */
export function reopensLast(): boolean {
  try {
    return localStorage.getItem(REOPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

export function setReopensLast(on: boolean): void {
  try {
    localStorage.setItem(REOPEN_KEY, on ? 'true' : 'false');
  } catch {
    // Without storage the choice lasts this session only.
  }
}

/** Runs once at start; resolves to whether a project was opened (the gallery then stays closed). */
export async function startUp(): Promise<boolean> {
  const copy = await host.readRecovery().catch(() => null);
  if (copy) {
    useStartup.setState({ recovery: copy });
    return false;
  }
  if (!reopensLast()) return false;
  const last = (await host.recent().catch(() => []))[0];
  if (!last) return false;
  await openRecent(last.key);
  return true;
}
