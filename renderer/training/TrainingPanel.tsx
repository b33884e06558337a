import { useMemo, useState } from 'react';
import { isActive } from '../../core/train/state';
import { DEFAULT_TRAIN_OPTIONS } from '../../core/train/options';
import { host } from '../host/host';
import { Icon } from '../shell/icons';
import { useEditor } from '../state/store';
import { accuracySeries, gradientFlowSeries, lossSeries } from './chart-data';
import { DatasetSection } from './DatasetSection';
import { GeneratePanel } from './GeneratePanel';
import { InsideView } from '../inside/InsideView';
import { LiveChart } from './LiveChart';
import { OptionsSection, type Backend } from './OptionsSection';
import { controlRun, startRun, useRun } from './run-store';
import { RunsSection } from './RunsSection';
import { adviceFor, formatEta, progressOf } from './run-view';
import { useThrottled } from './use-throttled';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

/** The right-hand panel: train (dataset, bindings, options, progress, charts, runs) and generate. */
export function TrainingPanel() {
  const [tab, setTab] = useState<'train' | 'generate' | 'inside'>('train');
  // Keyed by the document: another document starts every part of the panel afresh (results, messages, choices).
  const document = useRun((s) => s.document);
  if (!api) {
    return (
      <aside className="sw-training" aria-label="training">
        <div className="sw-panel-title">Training</div>
        <p className="sw-train-offline">
          Training runs in Seqwire's host, never in this window. Start the app with <code>npm start</code>, or <code>npm run web</code> for
          a browser, and open the address it prints.
        </p>
      </aside>
    );
  }
  return (
    <aside className="sw-training" aria-label="training">
      <div className="sw-tabs" role="tablist" aria-label="training views">
        <button type="button" role="tab" aria-selected={tab === 'train'} onClick={() => setTab('train')}>Train</button>
        <button type="button" role="tab" aria-selected={tab === 'generate'} onClick={() => setTab('generate')}>Generate</button>
        <button type="button" role="tab" aria-selected={tab === 'inside'} onClick={() => setTab('inside')}>Inside</button>
      </div>
      <div role="tabpanel" className="sw-tabpanel">
        {tab === 'train' ? <TrainTab key={document} /> : tab === 'generate' ? <GeneratePanel key={document} /> : <InsideView key={document} />}
      </div>
    </aside>
  );
}

function TrainTab() {
  const [backend, setBackend] = useState<Backend>('auto');
  const view = useRun((s) => s.view);
  const overlays = useRun((s) => s.overlays);
  const valid = useEditor((s) => s.analysis.valid);
  const epochsPlanned = useEditor((s) => s.graph.training?.epochs) ?? DEFAULT_TRAIN_OPTIONS.epochs;
  const hasDataset = useEditor((s) => !!s.graph.training?.dataset);
  const status = view.state.status;
  const active = isActive(view.state);
  // Charts take a new snapshot at most 3 times a second, whatever the pace of the run.
  const shown = useThrottled(view, 300);
  const loss = useMemo(() => lossSeries(shown.batchLoss, shown.epochs, overlays), [shown.batchLoss, shown.epochs, overlays]);
  const accuracy = useMemo(() => accuracySeries(shown.epochs), [shown.epochs]);
  const flow = useMemo(() => gradientFlowSeries(shown.epochs), [shown.epochs]);
  const progress = progressOf(view, epochsPlanned);
  const b = view.batch;
  const last = view.epochs.at(-1);
  const why = !valid ? 'Fix the problems in the graph first.' : !hasDataset ? 'Choose a dataset first.' : null;

  return (
    <>
      <DatasetSection />
      <OptionsSection backend={backend} onBackend={setBackend} disabled={active} />
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
          <dt>Epoch</dt><dd>{b ? `${b.epoch} / ${epochsPlanned}` : '—'}</dd>
          <dt>Batch</dt><dd>{b ? `${b.batch} / ${b.batches}` : '—'}</dd>
          <dt>Samples/s</dt><dd>{b ? Math.round(b.samplesPerSec).toLocaleString('en-US') : '—'}</dd>
          <dt>ETA</dt><dd>{b && active ? formatEta(b.etaSec) : '—'}</dd>
          <dt>Loss</dt><dd>{b ? b.loss.toFixed(4) : '—'}</dd>
          <dt>Backend</dt><dd>{view.done?.backend ?? (backend === 'auto' ? 'fastest' : backend)}</dd>
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
      <section className="sw-train-section" aria-label="charts">
        <LiveChart title="loss chart" yLabel="loss" series={loss.series} data={loss.data} />
        {accuracy.series.length ? <LiveChart title="accuracy chart" yLabel="accuracy" series={accuracy.series} data={accuracy.data} height={140} /> : null}
        {flow.series.length ? (
          <LiveChart title="gradient flow chart" xLabel="steps back in time" yLabel="gradient norm" log series={flow.series} data={flow.data} height={150} />
        ) : null}
      </section>
      <RunsSection />
    </>
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
