import { create } from 'zustand';
import type { ProbeRunResult } from '../../core/api/probe';
import { isActive } from '../../core/train/state';
import { host } from '../host/host';
import { useEditor } from '../state/store';
import { startRun, useRun } from '../training/run-store';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

/** What the window sees inside the model while a run trains: the newest probe of the watched sample. */
interface LiveProbeStore {
  runId: string | null;
  probe: ProbeRunResult | null;
  error: string | null;
  /** The wait after every batch, in ms (slow motion); 0 is full speed. */
  slowMs: number;
}

export const useLiveProbe = create<LiveProbeStore>()(() => ({ runId: null, probe: null, error: null, slowMs: 0 }));

/** Hears the live run's probes; the Inside view listens while it is open, so nothing is probed that nobody looks at. */
export function listenToProbes(): () => void {
  if (!api) return () => undefined;
  return api.on('trainingProbe', ({ runId, probe, error }) => useLiveProbe.setState({ runId, probe, error: probe ? null : (error ?? null) }));
}

const liveRun = () => {
  const { view } = useRun.getState();
  return view.runId && isActive(view.state) ? view.runId : null;
};

/** Watches this sample of the live run (null: stop watching). */
export async function watchSample(sample: number | null): Promise<void> {
  const runId = liveRun();
  if (!api || !runId) return;
  await api.watchProbe({ runId, sample }).catch(() => undefined);
}

/**
 * Step-by-step training: from a pause, one more batch (or the rest of the
 * epoch); with no run going, a new run that pauses after its first step.
 * The Inside view's sample is probed at every pause.
 */
export async function stepRun(step: 'batch' | 'epoch', probeSample: number | null): Promise<void> {
  if (!api) return;
  const { view } = useRun.getState();
  const runId = view.runId;
  if (runId && view.state.status === 'paused') {
    try {
      const { state } = await api.stepTraining({ runId, step });
      useRun.getState().dispatch({ type: 'state', runId, state });
    } catch (err) {
      useEditor.getState().notify({ kind: 'error', text: `Could not step the run: ${(err as Error).message}` });
    }
    return;
  }
  if (runId && isActive(view.state)) return;
  const { slowMs } = useLiveProbe.getState();
  await startRun(null, { step, ...(slowMs ? { slowMotionMs: slowMs } : {}), ...(probeSample !== null ? { probeSample } : {}) });
}

/** Slow motion for the live run and the next ones. */
export async function setSlowMotion(ms: number): Promise<void> {
  useLiveProbe.setState({ slowMs: ms });
  const runId = liveRun();
  if (api && runId) await api.slowMotion({ runId, ms }).catch(() => undefined);
}
