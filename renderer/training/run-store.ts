import { create } from 'zustand';
import type { HostApi, Payload } from '../../core/api/contract';
import type { RunInfo, RunRef, RunsOwner } from '../../core/api/schemas';
import { host } from '../host/host';
import { useEditor } from '../state/store';
import { emptyRun, reduceRun, type RunEvent, type RunView } from './run-view';

type TrainingOverrides = NonNullable<Payload<'startTraining'>['overrides']>;

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

/** One epoch line of a past run, for overlays. */
export interface PastEpoch { epoch: number; loss: number | null; valLoss: number | null }

interface RunStore {
  /** The document these runs belong to (its draft id), so a late answer for another document is dropped. */
  document: string;
  view: RunView;
  runs: RunInfo[];
  /** Past runs drawn over the live chart, by run id. */
  overlays: Record<string, PastEpoch[]>;
  /** The run generation and export use: the live one when it has a model, else the newest that has. */
  chosenRun: string | null;
  dispatch(e: RunEvent): void;
  refreshRuns(): Promise<void>;
  toggleOverlay(runId: string): Promise<void>;
  chooseRun(runId: string | null): void;
  /** Another document is on screen: every panel starts from that document's own runs. */
  resetForDocument(document: string): void;
  nameRun(runId: string, name: string): Promise<void>;
  deleteRun(runId: string): Promise<void>;
}

/** The document on screen as the owner of runs: its project file once saved, else its draft. */
export function runsOwner(): RunsOwner {
  const { path, draft } = useEditor.getState().file;
  return path && path.endsWith('.seqwire.json') ? { project: path } : { project: null, draft };
}

export function runRef(runId: string): RunRef {
  return { ...runsOwner(), runId };
}

export const useRun = create<RunStore>()((set, get) => ({
  document: useEditor.getState().file.draft,
  view: emptyRun,
  runs: [],
  overlays: {},
  chosenRun: null,
  dispatch: (e) => set((s) => ({ view: reduceRun(s.view, e) })),
  refreshRuns: async () => {
    if (!api) return;
    const document = get().document;
    try {
      const { runs } = await api.listRuns(runsOwner());
      if (get().document !== document) return;
      const chosen = get().chosenRun;
      set({ runs, chosenRun: chosen && runs.some((r) => r.id === chosen && r.hasModel) ? chosen : (runs.find((r) => r.hasModel)?.id ?? null) });
    } catch {
      if (get().document === document) set({ runs: [] });
    }
  },
  resetForDocument: (document) => {
    if (get().document === document) return;
    set({ document, view: emptyRun, runs: [], overlays: {}, chosenRun: null });
    void get().refreshRuns();
  },
  nameRun: async (runId, name) => {
    if (!api) return;
    try {
      await api.nameRun({ run: runRef(runId), name });
    } catch (err) {
      useEditor.getState().notify({ kind: 'error', text: `Could not name the run: ${(err as Error).message}` });
    }
    await get().refreshRuns();
  },
  deleteRun: async (runId) => {
    if (!api) return;
    try {
      await api.deleteRun({ run: runRef(runId) });
      const { [runId]: _gone, ...overlays } = get().overlays;
      set({ overlays, chosenRun: get().chosenRun === runId ? null : get().chosenRun });
    } catch (err) {
      useEditor.getState().notify({ kind: 'error', text: `Could not delete the run: ${(err as Error).message}` });
    }
    await get().refreshRuns();
  },
  toggleOverlay: async (runId) => {
    const { overlays } = get();
    if (overlays[runId]) {
      const { [runId]: _gone, ...rest } = overlays;
      set({ overlays: rest });
      return;
    }
    if (!api) return;
    try {
      const { lines } = await api.readRunMetrics(runRef(runId));
      set({ overlays: { ...get().overlays, [runId]: lines.map((l) => ({ epoch: l.epoch, loss: l.loss, valLoss: l.valLoss })) } });
    } catch (err) {
      useEditor.getState().notify({ kind: 'error', text: `Could not read the metrics of ${runId}: ${(err as Error).message}` });
    }
  },
  chooseRun: (chosenRun) => set({ chosenRun }),
}));

/** Listens to the host's training events for the life of the window; returns the unsubscribe. */
export function listenToTraining(host: HostApi | null = api): () => void {
  if (!host) return () => undefined;
  const d = (e: RunEvent) => useRun.getState().dispatch(e);
  const offs = [
    host.on('trainingProgress', ({ runId, event }) => d({ type: 'progress', runId, event })),
    host.on('trainingEpoch', ({ runId, event }) => d({ type: 'epoch', runId, event })),
    host.on('trainingDone', ({ runId, event }) => { d({ type: 'done', runId, event }); void useRun.getState().refreshRuns().then(() => { const st = useRun.getState(); if (st.runs.some((r) => r.id === runId && r.hasModel)) st.chooseRun(runId); }); }),
    host.on('trainingError', ({ runId, event }) => { d({ type: 'error', runId, message: event.message }); void useRun.getState().refreshRuns(); }),
    host.on('trainingState', ({ runId, state }) => d({ type: 'state', runId, state })),
  ];
  // Each document has its own runs: opening another one resets every panel; saving keeps the document and lists its runs anew.
  offs.push(useEditor.subscribe((s, prev) => {
    if (s.file.draft !== prev.file.draft) useRun.getState().resetForDocument(s.file.draft);
    else if (s.file.path !== prev.file.path) void useRun.getState().refreshRuns();
  }));
  // A window opened while a run goes on picks it up.
  void host.trainingState({}).then(({ runId, state }) => {
    if (runId && state.status !== 'idle') { d({ type: 'started', runId }); d({ type: 'state', runId, state }); }
  }).catch(() => undefined);
  void useRun.getState().refreshRuns();
  return () => offs.forEach((off) => off());
}

/** Starts a run of the graph on screen; a refusal (an invalid graph, a missing binding) is shown in the panel. */
export async function startRun(backend: 'cpu' | 'wasm' | 'node' | null, extra: Omit<TrainingOverrides, 'backend'> = {}): Promise<void> {
  if (!api) return;
  const { graph } = useEditor.getState();
  const d = useRun.getState().dispatch;
  d({ type: 'starting' });
  try {
    const { runId } = await api.startTraining({ graph, ...runsOwner(), overrides: { ...extra, ...(backend ? { backend } : {}) } });
    d({ type: 'started', runId });
  } catch (err) {
    d({ type: 'error', runId: null, message: (err as Error).message });
  }
}

export async function controlRun(action: 'pause' | 'resume' | 'cancel'): Promise<void> {
  const runId = useRun.getState().view.runId;
  if (!api || !runId) return;
  try {
    const call = action === 'pause' ? api.pauseTraining : action === 'resume' ? api.resumeTraining : api.cancelTraining;
    const { state } = await call({ runId });
    useRun.getState().dispatch({ type: 'state', runId, state });
  } catch (err) {
    useEditor.getState().notify({ kind: 'error', text: `Could not ${action} the run: ${(err as Error).message}` });
  }
}
