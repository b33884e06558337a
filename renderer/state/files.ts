import { emptyGraph } from '../../core/graph/edits';
import { parseGraphText, saveGraph } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';
import { host, type ProjectFile, type SaveRuns } from '../host/host';
import { askDiscard } from '../shell/ask';
import { useRun } from '../training/run-store';
import { placeUnpositioned } from './commands';
import { isDirty, useEditor } from './store';

/** New, Open, Save and the recovery copy: the document's way in and out, through the host. */

/**
 * Before unsaved changes are replaced: asks Save, Discard or Cancel in the
 * app's dialog. True when the caller may go on (saved, or discarded).
 */
async function confirmDiscard(what: string): Promise<boolean> {
  if (!isDirty(useEditor.getState())) return true;
  const answer = await askDiscard(what);
  if (answer === 'cancel') return false;
  if (answer === 'discard') return true;
  await saveProject();
  // A save that was cancelled or failed keeps the changes, so nothing is replaced.
  return !isDirty(useEditor.getState());
}

export async function newProject(): Promise<boolean> {
  if (!(await confirmDiscard('starting a new project'))) return false;
  useEditor.getState().load(emptyGraph(), null);
  void host.clearRecovery();
  return true;
}

/** Opens the text of a project: a bad file is reported and the graph on screen stays. */
export async function openText(file: ProjectFile, opts?: { dirty?: boolean; draft?: string; note?: string }): Promise<boolean> {
  const s = useEditor.getState();
  const result = parseGraphText(file.text);
  if (!result.ok) {
    s.notify({ kind: 'error', text: `Could not open ${file.name}: ${result.error}` });
    return false;
  }
  const placed = await placeUnpositioned({ ...result.graph, name: result.graph.name ?? file.name.replace(/\.seqwire\.json$|\.json$/, '') });
  const graph = opts?.note && !placed.notes?.length ? withNote(placed, opts.note) : placed;
  useEditor.getState().load(graph, file.path, opts);
  s.notify(result.notes.length ? { kind: 'info', text: `Opened ${file.name}: ${result.notes.join('; ')}` } : { kind: 'info', text: `Opened ${file.name}` });
  return true;
}

/** Runs a host call; a failure (a file gone, a refused path) becomes a message and the graph on screen stays. */
async function attempt<T>(what: string, f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (err) {
    useEditor.getState().notify({ kind: 'error', text: `Could not ${what}: ${(err as Error).message}` });
    return null;
  }
}

export async function openProject(): Promise<void> {
  if (!(await confirmDiscard('opening another project'))) return;
  const file = await attempt('open the project', () => host.openDialog());
  if (file) await openText(file);
}

export async function openRecent(key: string): Promise<void> {
  if (!(await confirmDiscard(`opening ${key}`))) return;
  const file = await attempt(`open ${key}`, () => host.openRecent(key));
  if (file) await openText(file);
}

/** A note above the top-left of the graph: a template's explanation stays on the canvas, foldable. */
function withNote(graph: Graph, text: string): Graph {
  const xs = graph.nodes.map((n) => n.position?.x ?? 0);
  const ys = graph.nodes.map((n) => n.position?.y ?? 0);
  const position = { x: Math.min(0, ...xs), y: Math.min(0, ...ys) - 170 };
  return { ...graph, notes: [{ id: 'about', text, position, width: 420 }] };
}

/** Opens a graph held in memory (a template); `relayout` drops its positions so ELK spaces it for the canvas's node size; `note` puts text on the canvas. */
export async function openGraph(graph: Graph, name: string, opts?: { relayout?: boolean; draft?: string; note?: string }): Promise<boolean> {
  if (!(await confirmDiscard('opening the template'))) return false;
  const placed = opts?.relayout ? { ...graph, nodes: graph.nodes.map(({ position: _p, ...n }) => n) } : graph;
  return openText({ path: null, name, text: saveGraph(placed) }, { ...(opts?.draft ? { draft: opts.draft } : {}), note: opts?.note });
}

/**
 * Whose runs go along with a save: an unsaved document's always move beside
 * the new file; Save As of a saved project copies them, or moves them when the
 * user says so.
 */
function runsAlong(saveAs: boolean): SaveRuns {
  const { file } = useEditor.getState();
  const runCount = useRun.getState().runs.length;
  if (file.path === null) return { from: { project: null, draft: file.draft }, mode: 'move' };
  const move = saveAs && runCount > 0 && window.confirm(`Move the ${runCount} run${runCount === 1 ? '' : 's'} of ${file.path} to the new file?\nOK moves them; Cancel copies them and leaves the old project's runs where they are.`);
  return { from: { project: file.path }, mode: move ? 'move' : 'copy' };
}

export async function saveProject(saveAs = false): Promise<void> {
  const s = useEditor.getState();
  const name = `${(s.graph.name || 'untitled').replace(/[^\w.-]+/g, '-')}.seqwire.json`;
  try {
    const path = await host.save(saveGraph(s.graph), saveAs ? null : s.file.path, name, runsAlong(saveAs));
    if (path === null) return;
    // Saved as it was when the save began; edits made while saving stay unsaved. The document stays the same one.
    useEditor.setState({ file: { path, saved: s.graph, draft: s.file.draft }, notice: { kind: 'info', text: `Saved ${path}` } });
    await host.clearRecovery();
  } catch (err) {
    s.notify({ kind: 'error', text: `Could not save: ${(err as Error).message}. The graph on screen is unchanged.` });
  }
}

/** Writes a recovery copy a moment after each change, so a crash loses at most that moment. */
export function startAutosave(delayMs = 800): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (s.graph === prev.graph) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = useEditor.getState();
      if (!isDirty(now)) void host.clearRecovery();
      else void host.writeRecovery({ text: saveGraph(now.graph), path: now.file.path, savedAt: new Date().toISOString(), draft: now.file.draft }).catch(() => undefined);
    }, delayMs);
  });
  return () => { clearTimeout(timer); unsubscribe(); };
}
