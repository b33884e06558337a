import { useMemo, useState } from 'react';
import type { Payload, Result } from '../../core/api/contract';
import type { Graph } from '../../core/graph/schema';
import { drawingToStroke5 } from '../../core/data/stroke5';
import { hasRole } from '../../core/nodes/registry';
import { host } from '../host/host';
import { openGraph } from '../state/files';
import { newDraftId, useEditor } from '../state/store';
import type { Line } from './primer';
import { runRef, runsOwner, useRun } from './run-store';
import { GeneratedText } from './GeneratedText';
import { SamplesPreview } from './SamplesPreview';
import { PrimerPad } from './StrokeCanvas';
import { StrokeReplay } from './StrokeReplay';
import { ValuesPlot } from './ValuesPlot';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

type Generated = Result<'generate'>;

/** A seed for "sample again": any whole number the contract takes. */
function freshSeed(): number {
  return Math.floor(Math.random() * 1_000_000) + 1;
}

/** What the trained model does: strokes drawn, sequences decoded, values plotted; and its export. */
export function GeneratePanel() {
  const chosen = useRun((s) => s.chosenRun);
  const runs = useRun((s) => s.runs);
  // Strings and booleans, so that moving nodes around does not redraw this panel.
  const strokes = useEditor((s) => s.graph.nodes.some((n) => hasRole(n.type, 'head') && n.params?.head === 'mdn'));
  const conditioningList = useEditor((s) => s.graph.nodes.filter((n) => n.type === 'TokenInput' && !n.params?.feedback).map((n) => n.id).join('\u0000'));
  const conditioning = useMemo(() => (conditioningList ? conditioningList.split('\u0000') : []), [conditioningList]);
  // A token input of one step takes a class (the digit a class-conditional stroke model draws).
  const classInputs = useEditor((s) => s.graph.nodes.filter((n) => n.type === 'TokenInput' && !n.params?.feedback && n.params?.timesteps === 1).map((n) => n.id).join('\u0000'));
  const [temperature, setTemperature] = useState(0.65);
  const [count, setCount] = useState(strokes ? 9 : 3);
  const [inputs, setInputs] = useState<Record<string, string>>({});
  const [primer, setPrimer] = useState<Line[]>([]);
  const [result, setResult] = useState<Generated | null>(null);
  // The request that drew `result`: the replay asks it again for another drawing's mixtures.
  const [request, setRequest] = useState<Payload<'generate'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Generation draws with this seed: the same seed draws the same samples, "Sample again" draws new ones.
  const [seed, setSeed] = useState(1);
  const run = runs.find((r) => r.id === chosen);

  const generate = async (withSeed = seed) => {
    if (!api || !chosen) return;
    setSeed(withSeed);
    setBusy(true);
    setError(null);
    try {
      const primerSteps = strokes && primer.length ? drawingToStroke5(primer) : undefined;
      const given = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== ''));
      const payload: Payload<'generate'> = {
        run: runRef(chosen), n: count, temperature, seed: withSeed,
        ...(primerSteps?.length ? { primer: primerSteps } : {}),
        ...(Object.keys(given).length ? { inputs: given } : {}),
      };
      // The first drawing comes with its mixtures, for the replay.
      setResult(await api.generate(strokes ? { ...payload, mixturesFor: [0] } : payload));
      setRequest(payload);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sw-generate">
      <section className="sw-train-section" aria-label="generate">
        <h3>Generate</h3>
        {!run ? <p className="muted">Train the model first: generating uses a finished run that saved its model.</p> : <p className="muted">With run <code>{run.name ?? run.id}</code> ({run.source ? 'imported' : `${run.epochs} epochs, loss ${run.loss?.toFixed(3) ?? '—'}`}).</p>}
        <div className="sw-field">
          <label htmlFor="gen-temperature">Temperature <output>{temperature.toFixed(2)}</output></label>
          <input id="gen-temperature" type="range" min={0.05} max={2} step={0.05} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} />
          <div className="sw-field-help">low: safe and repetitive · high: varied and wild</div>
        </div>
        <div className="sw-field">
          <label htmlFor="gen-count">Samples</label>
          <input id="gen-count" type="number" min={1} max={strokes ? 16 : 10} value={count} onChange={(e) => setCount(Math.max(1, Math.min(16, Number(e.target.value) || 1)))} />
        </div>
        {conditioning.map((id) => (
          <div className="sw-field" key={id}>
            <label htmlFor={`gen-input-${id}`}>{id}</label>
            {classInputs.split('\u0000').includes(id) ? (
              <>
                <input id={`gen-input-${id}`} placeholder="the class to draw, e.g. 3" value={inputs[id] ?? ''} onChange={(e) => setInputs({ ...inputs, [id]: e.target.value })} />
                <div className="sw-field-help">empty: the classes of the first examples of the data, in turn</div>
              </>
            ) : (
              <input id={`gen-input-${id}`} placeholder="text to condition on, e.g. 12+345" value={inputs[id] ?? ''} onChange={(e) => setInputs({ ...inputs, [id]: e.target.value })} />
            )}
          </div>
        ))}
        {strokes ? (
          <div className="sw-field">
            <div className="sw-field-head"><span>Primer (optional)</span><button type="button" className="sw-link" onClick={() => setPrimer([])} disabled={!primer.length}>clear</button></div>
            <PrimerPad lines={primer} onChange={setPrimer} />
            <div className="sw-field-help">Draw the start of a drawing; the model completes it.</div>
          </div>
        ) : null}
        <div className="sw-field">
          <label htmlFor="gen-seed">Seed</label>
          <input id="gen-seed" type="number" min={0} step={1} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
          <div className="sw-field-help">the same seed draws the same samples</div>
        </div>
        <div className="sw-run-controls">
          <button type="button" className="sw-button is-primary" disabled={!run?.hasModel || busy} onClick={() => void generate()}>{busy ? 'Generating…' : 'Generate'}</button>
          <button type="button" className="sw-button" disabled={!run?.hasModel || busy || !result} onClick={() => void generate(freshSeed())}>Sample again</button>
        </div>
        {error ? <div className="sw-train-error" role="alert">{error}</div> : null}
      </section>
      {result ? <GeneratedView result={result} request={request} /> : null}
      {strokes ? null : <SamplesPreview key={run?.id ?? 'none'} run={run} owner={runsOwner()} />}
      <ModelFiles runId={run?.hasModel ? run.id : null} />
    </div>
  );
}

function GeneratedView({ result, request }: { result: Generated; request: Payload<'generate'> | null }) {
  switch (result.kind) {
    case 'strokes':
      return request ? <StrokeReplay drawings={result.drawings} request={request} /> : null;
    case 'text':
      return <GeneratedText result={result} />;
    case 'values':
      return (
        <section className="sw-train-section" aria-label="predicted values">
          {Object.entries(result.outputs).map(([id, values]) => <ValuesPlot key={id} title={id} values={values} />)}
        </section>
      );
  }
}

/** Export the chosen run's model (TensorFlow.js files, Keras Python), or import a model.json as a new graph. */
function ModelFiles({ runId }: { runId: string | null }) {
  const [message, setMessage] = useState<string | null>(null);
  const notify = useEditor((s) => s.notify);
  const doExport = async (format: 'tfjs' | 'keras') => {
    if (!runId) return;
    try {
      const r = await exportRun(runId, format);
      if (r) setMessage(`Wrote ${r.files.length} file${r.files.length === 1 ? '' : 's'} to ${r.path}`);
    } catch (err) {
      notify({ kind: 'error', text: `Export failed: ${(err as Error).message}` });
    }
  };
  return (
    <section className="sw-train-section" aria-label="model files">
      <h3>Model files</h3>
      <div className="sw-run-controls">
        <button type="button" className="sw-button" disabled={!runId} onClick={() => void doExport('tfjs')}>Export TF.js</button>
        <button type="button" className="sw-button" disabled={!runId} onClick={() => void doExport('keras')}>Export Keras</button>
        <button type="button" className="sw-button" onClick={() => void importModel()}>Import a model…</button>
      </div>
      {message ? <p className="muted" role="status">{message}</p> : null}
    </section>
  );
}

/** The last imported model whose outputs are all ModelOutputs (an encoder), which a decoder imported next may be joined to. */
let lastEncoder: string | null = null;

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? 'imported';

/**
 * Turns a Keras or TF.js model (model.json, .keras, .h5) into a new, unsaved
 * graph on the canvas. After an encoder (outputs without heads), a model
 * whose recurrent states come from its inputs is offered to be joined to it.
 */
export async function importModel(): Promise<void> {
  if (!api) return;
  const s = useEditor.getState();
  try {
    const path = await host.pickPath('open', 'model');
    if (path === null) return;
    const r = await importInto(path ? { path } : {});
    if (!r) return;
    const encoder = lastEncoder;
    if (isEncoder(r.graph)) lastEncoder = r.path;
    else if (encoder && encoder !== r.path && takesStates(r.graph)) {
      s.notify({
        kind: 'info',
        text: `Imported ${fileName(r.path)}: its recurrent states come from its inputs. Join it, as the decoder, to the encoder ${fileName(encoder)}?`,
        action: { label: 'Join into one graph', run: () => void joinImported(r.path, encoder) },
      });
    }
  } catch (err) {
    s.notify({ kind: 'error', text: `Import failed: ${(err as Error).message}` });
  }
}

async function joinImported(decoder: string, encoder: string): Promise<void> {
  try {
    if (await importInto({ path: decoder, joinWith: encoder })) lastEncoder = null;
  } catch (err) {
    useEditor.getState().notify({ kind: 'error', text: `Join failed: ${(err as Error).message}` });
  }
}

/** Imports into a new document and says what came of it; null when cancelled. */
async function importInto(request: { path?: string; joinWith?: string }) {
  if (!api) return null;
  // The new document's id first: the weights that come with the file become its first run.
  const draft = newDraftId();
  const r = await api.importModel({ ...request, draft });
  if (!r) return null;
  await openGraph(r.graph, request.joinWith ? `${fileName(request.joinWith)} + ${fileName(r.path)}` : fileName(r.path), { relayout: true, draft, what: 'importing the model' });
  const kept = r.runId ? ' The trained weights are its first run (Generate uses them; Save keeps them).' : '';
  if (r.notes.length || kept) useEditor.getState().notify({ kind: 'info', text: `Imported${r.notes.length ? `: ${r.notes.join('; ')}.` : '.'}${kept}` });
  return r;
}

/** An imported graph whose outputs are all ModelOutputs: an encoder giving its states. */
function isEncoder(graph: Graph): boolean {
  return graph.nodes.some((n) => hasRole(n.type, 'marker')) && !graph.nodes.some((n) => hasRole(n.type, 'head'));
}

/** An imported graph with an input wired only into recurrent state ports: a decoder taking its initial states. */
function takesStates(graph: Graph): boolean {
  return graph.nodes.some((n) => {
    if (!hasRole(n.type, 'input')) return false;
    const out = graph.edges.filter((e) => e.source === n.id);
    return out.length > 0 && out.every((e) => e.targetHandle === 'h0' || e.targetHandle === 'c0');
  });
}

/** Writes a run's model files: where the user says (native dialog, or the in-app chooser in browser mode); null when cancelled. */
async function exportRun(runId: string, format: 'tfjs' | 'keras') {
  if (!api) return null;
  const run = runRef(runId);
  const path = format === 'keras' ? await host.pickPath('save', 'model', `${runId}.py`, '.py') : await host.pickPath('save', 'model', `${runId}-tfjs`, '');
  if (path === null) return null;
  return api.exportModel(path ? { run, format, path } : { run, format });
}

/** Exports the newest run with a model, for the menu's Export items. */
export async function exportLatest(format: 'tfjs' | 'keras'): Promise<void> {
  const run = useRun.getState().chosenRun;
  const s = useEditor.getState();
  if (!api || !run) return s.notify({ kind: 'error', text: 'Nothing to export yet: train the model first.' });
  try {
    const r = await exportRun(run, format);
    if (r) s.notify({ kind: 'info', text: `Exported ${format === 'tfjs' ? 'TensorFlow.js files' : 'Keras Python'} to ${r.path}` });
  } catch (err) {
    s.notify({ kind: 'error', text: `Export failed: ${(err as Error).message}` });
  }
}
