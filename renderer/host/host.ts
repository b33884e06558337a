/**
 * The one place the window reaches outside itself: files, recent projects and
 * the recovery copy. Today it uses what every browser has (a file picker, a
 * download or the File System Access API, localStorage); when the typed API
 * client lands in renderer/api, `host` switches to it here and nothing else
 * in the renderer changes.
 */

export interface ProjectFile {
  /** Where the project lives; `null` when the window cannot know a path (a browser upload). */
  path: string | null;
  /** A name to show: the file name. */
  name: string;
  text: string;
}

export interface RecoveryCopy {
  text: string;
  path: string | null;
  savedAt: string;
}

export interface Host {
  /** What is behind the window, shown in the status bar. */
  readonly kind: string;
  openDialog(): Promise<ProjectFile | null>;
  openRecent(key: string): Promise<ProjectFile | null>;
  recent(): Promise<{ key: string; name: string }[]>;
  /** Saves to `path`, or asks where when `path` is null; gives the path (or name) saved to, `null` if cancelled. */
  save(text: string, path: string | null, suggestedName: string): Promise<string | null>;
  writeRecovery(copy: RecoveryCopy): Promise<void>;
  readRecovery(): Promise<RecoveryCopy | null>;
  clearRecovery(): Promise<void>;
}

const RECOVERY_KEY = 'seqwire.recovery';
const RECENT_KEY = 'seqwire.recent';
const RECENT_LIMIT = 8;

type Recent = { key: string; name: string; text: string };

function readRecent(): Recent[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((r): r is Recent => !!r && typeof r.key === 'string' && typeof r.text === 'string') : [];
  } catch {
    return [];
  }
}

function remember(name: string, text: string) {
  const list = [{ key: name, name, text }, ...readRecent().filter((r) => r.key !== name)].slice(0, RECENT_LIMIT);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // A full storage only costs the recent list.
  }
}

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.seqwire.json,application/json';
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.oncancel = () => resolve(null);
    input.click();
  });
}

type SavePicker = (opts: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<{ name: string; createWritable(): Promise<{ write(t: string): Promise<void>; close(): Promise<void> }> }>;

/** The host of a window with nothing behind it but the browser. */
export const browserHost: Host = {
  kind: 'browser (files through downloads)',
  async openDialog() {
    const file = await pickFile();
    if (!file) return null;
    const text = await file.text();
    remember(file.name, text);
    return { path: null, name: file.name, text };
  },
  async openRecent(key) {
    const r = readRecent().find((x) => x.key === key);
    return r ? { path: null, name: r.name, text: r.text } : null;
  },
  async recent() {
    return readRecent().map(({ key, name }) => ({ key, name }));
  },
  async save(text, _path, suggestedName) {
    const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
    if (picker) {
      try {
        const handle = await picker({ suggestedName, types: [{ description: 'Seqwire project', accept: { 'application/json': ['.json'] } }] });
        const out = await handle.createWritable();
        await out.write(text);
        await out.close();
        remember(handle.name, text);
        return handle.name;
      } catch (err) {
        if ((err as Error).name === 'AbortError') return null;
      }
    }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    a.download = suggestedName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    remember(suggestedName, text);
    return suggestedName;
  },
  async writeRecovery(copy) {
    localStorage.setItem(RECOVERY_KEY, JSON.stringify(copy));
  },
  async readRecovery() {
    try {
      const copy = JSON.parse(localStorage.getItem(RECOVERY_KEY) ?? 'null') as RecoveryCopy | null;
      return copy && typeof copy.text === 'string' ? copy : null;
    } catch {
      return null;
    }
  },
  async clearRecovery() {
    localStorage.removeItem(RECOVERY_KEY);
  },
};

export const host: Host = browserHost;
