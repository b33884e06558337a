import { useMemo, useState } from 'react';
import './samples-preview.css';
import type { PreviewOutput, PreviewSamples } from '../../core/api/preview';
import type { NestedNumbers, RunInfo, RunRef, RunsOwner } from '../../core/api/schemas';
import { host } from '../host/host';
import { useEditor } from '../state/store';
import { ForecastLegend, ForecastPlot } from './ForecastPlot';
import { PerStepStrip } from './PerStepStrip';
import { className, forecastOf, generatedSteps, historyInput, isForecast, isPerStepClasses, signalsOf } from './sample-view';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

/** Samples whose forecast is also run on, fed back, through generate: each one is a generation. */
const FED_BACK_SAMPLES = 6;

/** What the trained model says on samples it was not trained on: a per-step strip, or forecasts. */
export function SamplesPreview({ run, owner }: { run: RunInfo | undefined; owner: RunsOwner }) {
  const [count, setCount] = useState(4);
  const [draw, setDraw] = useState(0);
  const [preview, setPreview] = useState<PreviewSamples | null>(null);
  const [fedBack, setFedBack] = useState<Record<string, (NestedNumbers[] | null)[]>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // input node id -> the Output it is fed back from, as a string so node moves do not redraw.
  const feedbackText = useEditor((s) => s.graph.nodes.filter((n) => typeof n.params?.feedback === 'string').map((n) => `${n.id}\u0001${String(n.params!.feedback)}`).join('\u0000'));
  const feedbackFrom = useMemo(() => Object.fromEntries(feedbackText ? feedbackText.split('\u0000').map((p) => p.split('\u0001')) : []), [feedbackText]);

  const show = async (nextDraw: number) => {
    if (!api || !run) return;
    const ref = { ...owner, runId: run.id };
    setBusy(true);
    setError(null);
    setFedBack({});
    try {
      const got = await api.previewSamples({ run: ref, count, ...(nextDraw ? { seed: nextDraw } : {}) });
      setPreview(got);
      setDraw(nextDraw);
      try {
        setFedBack(await forecastsFedBack(ref, got, feedbackFrom));
      } catch (err) {
        // The samples stand without it; say why the fed-back forecast is missing.
        setPreview({ ...got, notes: [...got.notes, `The forecast fed back could not be made: ${(err as Error).message}`] });
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sw-train-section" aria-label="validation samples">
      <h3>On validation samples</h3>
      <p className="muted">What the model predicts for samples it did not train on, beside the truth.</p>
      <div className="sw-field-row">
        <div className="sw-field">
          <label htmlFor="preview-count">Samples to show</label>
          <input id="preview-count" type="number" min={1} max={16} value={count} onChange={(e) => setCount(Math.max(1, Math.min(16, Math.round(Number(e.target.value)) || 1)))} />
        </div>
      </div>
      <div className="sw-run-controls">
        <button type="button" className="sw-button is-primary" disabled={!run?.hasModel || busy} onClick={() => void show(draw)}>{busy ? 'Predicting…' : 'Show predictions'}</button>
        <button type="button" className="sw-button" disabled={!run?.hasModel || busy || !preview} onClick={() => void show(draw + 1)}>Other samples</button>
      </div>
      {error ? <div className="sw-train-error" role="alert">{error}</div> : null}
      {preview ? <PreviewView preview={preview} feedbackFrom={feedbackFrom} fedBack={fedBack} /> : null}
    </section>
  );
}

function PreviewView({ preview, feedbackFrom, fedBack }: { preview: PreviewSamples; feedbackFrom: Record<string, string>; fedBack: Record<string, (NestedNumbers[] | null)[]> }) {
  return (
    <div className="sw-preview" role="region" aria-label="sample predictions">
      <p className="muted" role="status">
        {preview.indices.length} of {preview.splitSize} {preview.split} samples{preview.indices.length ? ` (#${preview.indices.join(', #')})` : ''}.
      </p>
      {preview.notes.map((n) => <p key={n} className="muted sw-note">{n}</p>)}
      {preview.outputs.map((output) => {
        if (isPerStepClasses(output)) return <PerStepStrip key={output.nodeId} preview={preview} output={output} />;
        if (isForecast(output)) return <Forecasts key={output.nodeId} preview={preview} output={output} feedbackFrom={feedbackFrom} fedBack={fedBack[output.nodeId] ?? []} />;
        if (output.kind === 'classes' && output.truth && output.prediction) return <ClassTable key={output.nodeId} output={output} />;
        return null;
      })}
    </div>
  );
}

function Forecasts({ preview, output, feedbackFrom, fedBack }: { preview: PreviewSamples; output: PreviewOutput; feedbackFrom: Record<string, string>; fedBack: (NestedNumbers[] | null)[] }) {
  const [signal, setSignal] = useState(0);
  const history = historyInput(preview.inputs, feedbackFrom, output.nodeId);
  const signals = signalsOf(output);
  const id = `forecast-signal-${output.nodeId}`;
  return (
    <div className="sw-forecasts" role="group" aria-label={`forecasts of ${output.nodeId}`}>
      <div className="sw-field-head">
        <strong>{output.nodeId}</strong>
        {signals > 1 ? (
          <span className="sw-field-row">
            <label htmlFor={id}>Signal</label>
            <select id={id} value={signal} onChange={(e) => setSignal(Number(e.target.value))}>
              {Array.from({ length: signals }, (_, i) => <option key={i} value={i}>{i + 1}</option>)}
            </select>
          </span>
        ) : null}
      </div>
      <ForecastLegend fedBack={fedBack.some(Boolean)} />
      {(output.truth ?? []).map((_, i) => (
        <ForecastPlot key={i} label={`sample ${i + 1} (#${preview.indices[i]})`} forecast={forecastOf(history, output, i, signal, fedBack[i] ?? null)} />
      ))}
    </div>
  );
}

/** One class per sample (many-to-one): the model's class beside the true one. */
function ClassTable({ output }: { output: PreviewOutput }) {
  const names = output.classNames;
  const truth = output.truth as number[];
  const predicted = output.prediction as number[];
  const confidence = (output.confidence ?? []) as number[];
  return (
    <table className="sw-runs" aria-label={`predictions of ${output.nodeId}`}>
      <thead><tr><th>Sample</th><th>Model</th><th>Truth</th></tr></thead>
      <tbody>
        {truth.map((t, i) => (
          <tr key={i} className={predicted[i] === t ? '' : 'is-wrong'}>
            <td>{i + 1}</td>
            <td>{className(names, predicted[i])}{typeof confidence[i] === 'number' ? ` (${Math.round(confidence[i] * 100)}%)` : ''}</td>
            <td>{className(names, t)}{predicted[i] === t ? ' ✓' : ' ✗'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * For Outputs fed back into a window of their own history, the model's own
 * multi-step forecast from each sample's history, through generate (greedy).
 */
async function forecastsFedBack(run: RunRef, preview: PreviewSamples, feedbackFrom: Record<string, string>): Promise<Record<string, (NestedNumbers[] | null)[]>> {
  const out: Record<string, (NestedNumbers[] | null)[]> = {};
  if (!api) return out;
  for (const output of preview.outputs) {
    if (!isForecast(output) || output.shape.length !== 1) continue;
    const input = preview.inputs.find((i) => feedbackFrom[i.nodeId] === output.nodeId);
    // A history cut for the answer is not the window the model reads.
    if (!input?.values || input.shape[0] !== input.fullShape[0]) continue;
    const steps = input.shape[0];
    const ahead = Math.max(4, Math.min(steps, 48));
    const lines: (NestedNumbers[] | null)[] = [];
    for (const history of input.values.slice(0, FED_BACK_SAMPLES)) {
      const generated = await api.generate({ run, n: 1, temperature: 0, maxSteps: ahead, seed: 1, inputs: { [input.nodeId]: history } });
      lines.push(generated.kind === 'values' ? generatedSteps(generated.outputs[output.nodeId], steps) : null);
    }
    out[output.nodeId] = lines;
  }
  return out;
}
