import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EmitEvent, Handlers } from '../../core/api/contract';
import { ApiError } from '../../core/api/errors';
import { PROJECT_EXTENSION } from '../../core/api/schemas';
import type { TensorType } from '../../core/shapes/tensor-type';
import { readProject, saveProject } from './files';
import { PathPolicy } from './paths';
import { RecentFiles } from './recent-files';
import { createRunHandlers } from './run-handlers';
import type { Dialogs, HostServices } from './services';
import { listTemplates, readTemplate } from './templates';

export interface HostOptions {
  kind: 'electron' | 'browser';
  version: string;
  /** Settings (recent files) and the scratch runs of unsaved projects. */
  dataDir: string;
  /** Folder holding `templates/`. */
  assetsDir: string;
  /** Browser mode: the folder the in-app chooser shows and the host may use. */
  projectRoot: string | null;
  dialogs: Dialogs | null;
  services: HostServices;
  emit: EmitEvent;
  /** The window reports its document (title, unsaved mark, question on close). */
  onDocumentState?: (state: { path: string | null; name: string; dirty: boolean }) => void;
}

export interface Host {
  handlers: Handlers;
  policy: PathPolicy;
  /** A project the OS or the command line asked to open: allowed, then announced to the window. */
  openFromOutside(path: string): void;
  dispose(): Promise<void>;
}

const BROWSE_EXTENSIONS = {
  project: [PROJECT_EXTENSION],
  dataset: ['.csv', '.ndjson', '.jsonl', '.txt', '.tsv'],
  model: ['.json', '.keras', '.h5', '.hdf5'],
} as const;

/** The contract implemented over the file system, for either bridge. */
export function createHost(options: HostOptions): Host {
  const policy = new PathPolicy(options.projectRoot);
  const recent = new RecentFiles(options.dataDir);
  const { dialogs } = options;

  /** A project path the window names: chosen before, a recent file, or under the project folder. */
  async function knownProject(path: string): Promise<string> {
    const abs = policy.absolute(path);
    if (!policy.isChosen(abs) && (await recent.list()).includes(abs)) policy.allow(abs);
    return policy.checkProject(abs);
  }

  function needDialogs(what: string): Dialogs {
    if (!dialogs) throw new ApiError('no-dialog', `${what}: this host has no native dialog; pass a path chosen in the project folder`);
    return dialogs;
  }

  const runHandlers = createRunHandlers({ policy, knownProject, dataDir: options.dataDir, services: options.services, dialogs, emit: options.emit });

  const handlers: Handlers = {
    ...runHandlers.handlers,
    hostInfo: async () => ({
      kind: options.kind,
      version: options.version,
      platform: process.platform,
      nativeDialogs: dialogs !== null,
      projectRoot: options.projectRoot,
    }),

    open: async ({ path }) => {
      let abs: string;
      if (path !== undefined) abs = await knownProject(path);
      else {
        const chosen = await needDialogs('open').openProject();
        if (chosen === null) return null;
        abs = policy.allow(chosen);
      }
      const { graph, notes } = await readProject(abs);
      await recent.add(abs);
      return { path: abs, graph, notes };
    },

    save: async ({ path, graph, draft }) => {
      const abs = await knownProject(path);
      await saveProject(abs, graph);
      await recent.add(abs);
      // A draft saved for the first time takes its runs along.
      if (draft) await runHandlers.adoptRuns({ project: null, draft }, abs, 'move');
      return { path: abs };
    },

    saveAs: async ({ graph, path, suggestedName, runsFrom, runs }) => {
      let abs: string;
      if (path !== undefined) abs = await policy.checkProject(path);
      else {
        const name = withProjectExtension(suggestedName || graph.name || 'untitled');
        const chosen = await needDialogs('save as').saveProject(name);
        if (chosen === null) return null;
        abs = withProjectExtension(chosen);
      }
      policy.allow(abs);
      await saveProject(abs, graph);
      await recent.add(abs);
      if (runsFrom) await runHandlers.adoptRuns(runsFrom, abs, runs);
      return { path: abs };
    },

    recentFiles: async () => {
      const files = await recent.list();
      const { stat } = await import('node:fs/promises');
      const out = await Promise.all(files.map(async (p) => ({ path: p, name: basename(p), exists: await stat(p).then((s) => s.isFile(), () => false) })));
      return { files: out };
    },

    clearRecentFiles: async () => {
      await recent.clear();
      return { ok: true as const };
    },

    browse: async ({ dir, kind }) => {
      const root = policy.root;
      if (!root) throw new ApiError('not-available', 'browse: this host uses native dialogs');
      const abs = dir === undefined ? root : policy.absolute(dir);
      if (!(await policy.isUnderRoot(abs))) throw new ApiError('refused-path', `${abs}: not under the project folder ${root}`);
      let entries;
      try {
        entries = await readdir(abs, { withFileTypes: true });
      } catch {
        throw new ApiError('not-found', `${abs}: not a folder that can be read`);
      }
      const wanted: readonly string[] = BROWSE_EXTENSIONS[kind];
      const shown = entries
        .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
        .filter((e) => e.isDirectory() || (e.isFile() && wanted.some((ext) => e.name.toLowerCase().endsWith(ext))))
        .map((e) => ({ name: e.name, path: join(abs, e.name), kind: e.isDirectory() ? ('dir' as const) : ('file' as const) }))
        .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
      return { root, dir: abs, parent: abs === root ? null : dirname(abs), entries: shown };
    },

    setDocumentState: async (state) => {
      options.onDocumentState?.(state);
      return { ok: true as const };
    },

    listTemplates: async () => ({ templates: await listTemplates(join(options.assetsDir, 'templates')) }),
    readTemplate: async ({ id }) => readTemplate(join(options.assetsDir, 'templates'), id),

    validate: async ({ graph }) => {
      // Node types carry their tfjs builders; load them on first use, not when the window opens.
      const { analyzeGraph } = await import('../../core/validate/analyze');
      const analysis = analyzeGraph(graph);
      const shapes: Record<string, Record<string, TensorType>> = {};
      for (const [id, node] of analysis.nodes) shapes[id] = node.outputs;
      return { valid: analysis.valid, diagnostics: analysis.diagnostics, totalParams: analysis.totalParams, shapes };
    },

    listDatasets: async () => {
      if (!options.services.datasets) throw new ApiError('not-available', 'the dataset catalogue is not available in this build yet');
      return { datasets: await options.services.datasets() };
    },
  };

  return {
    handlers,
    policy,
    openFromOutside(path) {
      const abs = policy.allow(path);
      options.emit('openFile', { path: abs });
    },
    dispose: () => runHandlers.dispose(),
  };
}

/** `name` -> `name.seqwire.json` (a dialog may give `name` or `name.json`). */
export function withProjectExtension(name: string): string {
  if (name.toLowerCase().endsWith(PROJECT_EXTENSION)) return name;
  return `${name.replace(/\.json$/i, '')}${PROJECT_EXTENSION}`;
}
