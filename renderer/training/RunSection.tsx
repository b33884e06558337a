import { isActive } from '../../core/train/state';
import { DEFAULT_TRAIN_OPTIONS } from '../../core/train/options';
import { Icon } from '../shell/icons';
import { useEditor } from '../state/store';
import type { Backend } from './OptionsSection';
import { controlRun, startRun, useRun } from './run-store';
import { adviceFor, formatEta, progressOf } from './run-view';

/** The run on screen: train, pause, cancel, its progress and figures, and why it stopped when it failed. */
export function RunSection({ backend }: { backend: Backend }) {
  const view = useRun((s) => s.view);
  const valid = useEditor((s) => s.analysis.valid);
  const epochsPlanned = useEditor((s) => s.graph.training?.epochs) ?? DEFAULT_TRAIN_OPTIONS.epochs;
  const hasDataset = useEditor((s) => !!s.graph.training?.dataset);
  const status = view.state.status;
  const active = isActive(view.state);
  const progress = progressOf(view, epochsPlanned);
  const b = view.batch;
  const last = view.epochs.at(-1);
  const why = !valid ? 'Fix the problems in the graph first.' : !hasDataset ? 'Choose a dataset first.' : null;

  return (
    <section className="sw-train-section" aria-label="run">
      <div className="sw-run-controls">
        {status === 'paused' ? (
          <button type="button" className="sw-button is-primary" onClick={() => void controlRun('resume')}><Icon name="play" size={13} /> Resume</button>
        ) : (
          <button type="button" className="sw-button is-primary" disabled={active || !!why} title={why ?? undefined}
            onClick={() => void startRun(backend === 'auto' ? null : backend)}><Icon name="play" size={13} /> Train</button>
        )}
        <button type="button" className="sw-button" disabled={status !== 'running'} onClick={() => void controlRun('pause')}><Icon name="pause" size={13} /> Pause</button>
        <button type="button" className="sw-button is-danger" disabled={!active} onClick={() => void controlRun('cancel')}><Icon name="stop" size={13} /> Cancel</button>
        <span className={`sw-run-status is-${status}`} role="status" aria-label="training status">{statusText(view.state)}</span>
      </div>
      {why && !active ? <p className="muted sw-hint-inline">{why}</p> : null}
      <div className="sw-progress" role="progressbar" aria-label="training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
        <div className="sw-progress-bar" style={{ width: `${progress * 100}%` }} />
      </div>
      <dl className="sw-run-facts">
        <div className="sw-run-fact"><dt>Epoch</dt><dd>{b ? `${b.epoch} / ${epochsPlanned}` : '—'}</dd></div>
        <div className="sw-run-fact"><dt>Batch</dt><dd>{b ? `${b.batch} / ${b.batches}` : '—'}</dd></div>
        <div className="sw-run-fact"><dt>Samples/s</dt><dd>{b ? Math.round(b.samplesPerSec).toLocaleString('en-US') : '—'}</dd></div>
        <div className="sw-run-fact"><dt>ETA</dt><dd>{b && active ? formatEta(b.etaSec) : '—'}</dd></div>
        <div className="sw-run-fact"><dt>Loss</dt><dd>{b ? b.loss.toFixed(4) : '—'}</dd></div>
        <div className="sw-run-fact"><dt>Backend</dt><dd>{view.done?.backend ?? (backend === 'auto' ? 'fastest' : backend)}</dd></div>
      </dl>
      {view.error ? (
        <div className="sw-train-error" role="alert">
          <strong>Training stopped.</strong> {view.error}
          {adviceFor(view.error) ? <div className="sw-advice">{adviceFor(view.error)}</div> : null}
        </div>
      ) : null}
      {last && last.gradNorm.before > last.gradNorm.after * 1.0001 ? (
        <p className="muted">Gradients clipped: mean norm {last.gradNorm.before.toFixed(2)} → {last.gradNorm.after.toFixed(2)}.</p>
      ) : null}
    </section>
  );
}

function statusText(state: ReturnType<typeof useRun.getState>['view']['state']): string {
  switch (state.status) {
    case 'idle': return 'ready';
    case 'compiling': return 'compiling…';
    case 'running': return `running epoch ${state.epoch}`;
    case 'paused': return `paused at epoch ${state.epoch}`;
    case 'stopped': return `cancelled after ${plural(state.epoch, 'epoch')}`;
    case 'failed': return 'failed';
    case 'done': return `done: ${plural(state.epochs, 'epoch')}`;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
