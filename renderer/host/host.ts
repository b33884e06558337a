import type { HostApi } from '../../core/api/contract';
import { parseGraphText, saveGraph } from '../../core/graph/load';
import { BRIDGE_GLOBAL } from '../../core/api/wire';
import { hostApi } from '../api';
import { choosePath } from '../shell/FileChooser';

/**
 * The one place the window reaches outside itself: files, recent projects and
 * the recovery copy. Behind Seqwire's host (Electron, or `npm run web`) it
 * goes through the typed API contract; opened from a plain static server it
 * uses what every browser has (a file picker, a download, localStorage).
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
  /** The unsaved document's id, so a restored draft finds its runs again. */
  draft?: string;
}

/** Whose runs a save takes along to the saved file, and whether a saved project's are copied or moved. */
export interface SaveRuns {
  from: { project: string | null; draft?: string };
  mode: 'copy' | 'move';
}

export interface Host {
  /** What is behind the window, shown in the status bar. */
  readonly kind: string;
  /** Seqwire's services behind the window (datasets, training, runs, generation, model files); `null` in a plain browser. */
  readonly services: HostApi | null;
  /**
   * A path for a file of this kind, asked in the window's own chooser when
   * the host has no native dialogs: `undefined` when the host's dialog will
   * ask itself (pass no path), `null` when the user cancelled.
   */
  pickPath(mode: 'open' | 'save', kind: 'project' | 'dataset' | 'model', suggestedName?: string, suffix?: string): Promise<string | null | undefined>;
  openDialog(): Promise<ProjectFile | null>;
  openRecent(key: string): Promise<ProjectFile | null>;
  recent(): Promise<{ key: string; name: string }[]>;
  /** Saves to `path`, or asks where when `path` is null; gives the path (or name) saved to, `null` if cancelled. */
  save(text: string, path: string | null, suggestedName: string, runs?: SaveRuns): Promise<string | null>;
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
  services: null,
  async pickPath() {
    return null;
  },
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

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Reads a graph from text for the contract, which carries graphs as objects. */
function graphOf(text: string) {
  const r = parseGraphText(text);
  if (!r.ok) throw new Error(r.error);
  return r.graph;
}

/** The host of a window served by Seqwire: files through the contract, dialogs native or in-app. */
export function apiHost(api: HostApi): Host {
  let nativeDialogs: boolean | null = null;
  const native = async () => (nativeDialogs ??= (await api.hostInfo({})).nativeDialogs);
  const opened = (r: { path: string; graph: unknown } | null): ProjectFile | null =>
    r ? { path: r.path, name: baseName(r.path), text: saveGraph(r.graph as Parameters<typeof saveGraph>[0]) } : null;
  return {
    kind: 'Seqwire host',
    services: api,
    async pickPath(mode, kind, suggestedName, suffix) {
      if (await native()) return undefined;
      return choosePath(api, mode, kind, suggestedName, suffix);
    },
    async openDialog() {
      if (await native()) return opened(await api.open({}));
      const path = await choosePath(api, 'open', 'project');
      return path ? opened(await api.open({ path })) : null;
    },
    async openRecent(key) {
      return opened(await api.open({ path: key }));
    },
    async recent() {
      const { files } = await api.recentFiles({});
      return files.filter((f) => f.exists).map((f) => ({ key: f.path, name: f.name }));
    },
    async save(text, path, suggestedName, runs) {
      const graph = graphOf(text);
      if (path) return (await api.save({ path, graph, ...(runs?.from.project === null && runs.from.draft ? { draft: runs.from.draft } : {}) })).path;
      const along = runs ? { runsFrom: runs.from, runs: runs.mode } : {};
      if (await native()) return (await api.saveAs({ graph, suggestedName, ...along }))?.path ?? null;
      const chosen = await choosePath(api, 'save', 'project', suggestedName);
      return chosen ? ((await api.saveAs({ graph, path: chosen, ...along }))?.path ?? null) : null;
    },
    // The contract has no recovery request; the window's own storage survives a crash of either side.
    writeRecovery: browserHost.writeRecovery,
    readRecovery: browserHost.readRecovery,
    clearRecovery: browserHost.clearRecovery,
  };
}

/**
 * True in the desktop app: the host's window asks about unsaved changes
 * itself, so the page must not also hold the close with `beforeunload`
 * (Electron would cancel the close without a word).
 */
export const nativeWindow = typeof window !== 'undefined' && BRIDGE_GLOBAL in window;

/** The window's one host: every file, dialog and service goes through it (as Netron's `this._host`). */
export const host: Host = ((api) => (api ? apiHost(api) : browserHost))(hostApi());
