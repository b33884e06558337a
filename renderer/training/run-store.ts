import { create } from 'zustand';
import type { HostApi } from '../../core/api/contract';
import type { RunInfo } from '../../core/api/schemas';
import { host } from '../host/host';
import { projectPath as project } from '../state/files';
import { useEditor } from '../state/store';
import { emptyRun, reduceRun, type RunEvent, type RunView } from './run-view';

/** One epoch line of a past run, for overlays. */
export interface PastEpoch { epoch: number; loss: number | null; valLoss: number | null }

interface RunStore {
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
}

export const useRun = create<RunStore>()((set, get) => ({
  view: emptyRun,
  runs: [],
  overlays: {},
  chosenRun: null,
  dispatch: (e) => set((s) => ({ view: reduceRun(s.view, e) })),
  refreshRuns: async () => {
    const api = host.services;
    if (!api) return;
    try {
      const { runs } = await api.listRuns({ project: project() });
      const chosen = get().chosenRun;
      set({ runs, chosenRun: chosen && runs.some((r) => r.id === chosen) ? chosen : (runs.find((r) => r.hasModel)?.id ?? null) });
    } catch {
      set({ runs: [] });
    }
  },
  toggleOverlay: async (runId) => {
    const { overlays } = get();
    if (overlays[runId]) {
      const { [runId]: _gone, ...rest } = overlays;
      set({ overlays: rest });
      return;
    }
    const api = host.services;
    if (!api) return;
    try {
      const { lines } = await api.readRunMetrics({ project: project(), runId });
      set({ overlays: { ...get().overlays, [runId]: lines.map((l) => ({ epoch: l.epoch, loss: l.loss, valLoss: l.valLoss })) } });
    } catch (err) {
      useEditor.getState().notify({ kind: 'error', text: `Could not read the metrics of ${runId}: ${(err as Error).message}` });
    }
  },
  chooseRun: (chosenRun) => set({ chosenRun }),
}));

/** Listens to the host's training events for the life of the window; returns the unsubscribe. */
export function listenToTraining(api: HostApi | null = host.services): () => void {
  if (!api) return () => undefined;
  const d = (e: RunEvent) => useRun.getState().dispatch(e);
  const offs = [
    api.on('trainingProgress', ({ runId, event }) => d({ type: 'progress', runId, event })),
    api.on('trainingEpoch', ({ runId, event }) => d({ type: 'epoch', runId, event })),
    api.on('trainingDone', ({ runId, event }) => { d({ type: 'done', runId, event }); void useRun.getState().refreshRuns().then(() => useRun.getState().chooseRun(runId)); }),
    api.on('trainingError', ({ runId, event }) => { d({ type: 'error', runId, message: event.message }); void useRun.getState().refreshRuns(); }),
    api.on('trainingState', ({ runId, state }) => d({ type: 'state', runId, state })),
  ];
  // A window opened while a run goes on picks it up.
  void api.trainingState({}).then(({ runId, state }) => {
    if (runId && state.status !== 'idle') { d({ type: 'started', runId }); d({ type: 'state', runId, state }); }
  }).catch(() => undefined);
  void useRun.getState().refreshRuns();
  return () => offs.forEach((off) => off());
}

/** Starts a run of the graph on screen; a refusal (an invalid graph, a missing binding) is shown in the panel. */
export async function startRun(backend: 'cpu' | 'wasm' | 'node' | null): Promise<void> {
  const api = host.services;
  if (!api) return;
  const { graph } = useEditor.getState();
  const d = useRun.getState().dispatch;
  d({ type: 'starting' });
  try {
    const { runId } = await api.startTraining({ graph, project: project(), overrides: backend ? { backend } : {} });
    d({ type: 'started', runId });
  } catch (err) {
    d({ type: 'error', runId: null, message: (err as Error).message });
  }
}

export async function controlRun(action: 'pause' | 'resume' | 'cancel'): Promise<void> {
  const runId = useRun.getState().view.runId;
  const api = host.services;
  if (!api || !runId) return;
  try {
    const call = action === 'pause' ? api.pauseTraining : action === 'resume' ? api.resumeTraining : api.cancelTraining;
    const { state } = await call({ runId });
    useRun.getState().dispatch({ type: 'state', runId, state });
  } catch (err) {
    useEditor.getState().notify({ kind: 'error', text: `Could not ${action} the run: ${(err as Error).message}` });
  }
}
