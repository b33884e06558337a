import { useState } from 'react';
import { isActive } from '../../core/train/state';
import { host } from '../host/host';
import { ChartsSection } from './ChartsSection';
import { DatasetSection } from './DatasetSection';
import { GeneratePanel } from './GeneratePanel';
import { InsideView } from '../inside/InsideView';
import { OptionsSection, type Backend } from './OptionsSection';
import { useRun } from './run-store';
import { RunSection } from './RunSection';
import { RunsSection } from './RunsSection';

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
      <div role="tabpanel" className={`sw-tabpanel is-${tab}`}>
        {tab === 'train' ? <TrainTab key={document} /> : tab === 'generate' ? <GeneratePanel key={document} /> : <InsideView key={document} />}
      </div>
    </aside>
  );
}

/**
 * Setting up (dataset, options) beside the run and its live charts, and the
 * runs beneath both. A narrow panel stacks the two columns; a wide one gives
 * the charts the larger share.
 */
function TrainTab() {
  const [backend, setBackend] = useState<Backend>('auto');
  const active = useRun((s) => isActive(s.view.state));
  return (
    <div className="sw-train-grid">
      <div className="sw-train-setup">
        <DatasetSection />
        <OptionsSection backend={backend} onBackend={setBackend} disabled={active} />
      </div>
      <div className="sw-train-live">
        <RunSection backend={backend} />
        <ChartsSection />
      </div>
      <RunsSection />
    </div>
  );
}
