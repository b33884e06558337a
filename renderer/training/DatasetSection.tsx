import { useEffect, useMemo, useState } from 'react';
import type { DatasetDoc } from '../../core/data/catalogue';
import type { DatasetRef, Training } from '../../core/graph/schema';
import { bindingWants, fieldFits, suggestBindings } from '../../core/train/bindings';
import { host } from '../host/host';
import { NumberInput } from '../shell/NumberInput';
import { useEditor } from '../state/store';
import { runsOwner } from './run-store';

const nameOf = (ref: DatasetRef | undefined) => (!ref ? '' : 'builtin' in ref ? ref.builtin : ref.format);

/** Writes the training section as one undo step per field edited (typing merges). */
export function setTraining(patch: Partial<Training>, key: string): void {
  const s = useEditor.getState();
  s.edit({ kind: 'set-training', training: { ...(s.graph.training ?? {}), ...patch } }, key);
}

/** Choose a dataset, set its options, see its fields, bind them to the graph's inputs and Outputs. */
export function DatasetSection() {
  const [docs, setDocs] = useState<DatasetDoc[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const training = useEditor((s) => s.graph.training);
  const analysis = useEditor((s) => s.analysis);
  useEffect(() => {
    host.services?.listDatasets({}).then((r) => setDocs(r.datasets), (e: Error) => setError(e.message));
  }, []);
  const ref = training?.dataset;
  const doc = docs?.find((d) => d.name === nameOf(ref) && (ref && 'builtin' in ref ? d.kind === 'builtin' : d.kind === 'format'));
  const fields: DatasetDoc['fields'] = useMemo(() => doc?.fields ?? [], [doc]);
  const wants = useMemo(() => bindingWants(analysis), [analysis]);
  const bindings = useMemo(() => training?.bindings ?? {}, [training?.bindings]);

  // A dataset chosen with nothing bound gets the suggestions at once; the user can change each.
  useEffect(() => {
    if (!doc || fields.length === 0 || wants.length === 0) return;
    if (wants.every((w) => bindings[w.nodeId])) return;
    const suggested = suggestBindings(wants, fields, bindings);
    if (Object.keys(suggested).length > Object.keys(bindings).length) setTraining({ bindings: suggested }, 'training.bindings');
  }, [doc, fields, wants, bindings]);

  if (error) return <p className="sw-field-problem" role="alert">Datasets: {error}</p>;
  const choose = async (value: string) => {
    const [kind, name] = value.split(':');
    if (!name) return setTraining({ dataset: undefined }, 'training.dataset');
    if (kind === 'builtin') return setTraining({ dataset: { builtin: name, options: {} }, bindings: {} }, 'training.dataset');
    const path = await pickDatasetFile();
    if (path) setTraining({ dataset: { file: path, format: name, options: {} }, bindings: {} }, 'training.dataset');
  };
  const setOption = (option: string, value: unknown) => {
    if (!ref) return;
    const options = { ...(ref.options ?? {}) };
    if (value === undefined) delete options[option];
    else options[option] = value;
    setTraining({ dataset: { ...ref, options } }, `training.dataset.${option}`);
  };

  return (
    <section className="sw-train-section" aria-label="dataset">
      <h3>Dataset</h3>
      <div className="sw-field">
        <label htmlFor="dataset-choice">Dataset</label>
        <select id="dataset-choice" value={ref ? `${'builtin' in ref ? 'builtin' : 'format'}:${nameOf(ref)}` : ''} onChange={(e) => void choose(e.target.value)}>
          <option value="">Choose a dataset…</option>
          <optgroup label="Built-in">
            {docs?.filter((d) => d.kind === 'builtin').map((d) => <option key={d.name} value={`builtin:${d.name}`}>{d.name}</option>)}
          </optgroup>
          <optgroup label="From a file">
            {docs?.filter((d) => d.kind === 'format').map((d) => <option key={d.name} value={`format:${d.name}`}>{d.name} file…</option>)}
          </optgroup>
        </select>
        {doc ? <div className="sw-field-help">{doc.description}</div> : null}
        {ref && 'file' in ref ? <div className="sw-field-help">file: <code>{String(ref.file)}</code></div> : null}
      </div>
      {doc && doc.options.length ? (
        <details className="sw-dataset-options">
          <summary>Dataset options</summary>
          <div className="sw-option-grid">
            {doc.options.map((o) => (
              <OptionField key={o.name} option={o} value={ref?.options?.[o.name]} onChange={(v) => setOption(o.name, v)} />
            ))}
          </div>
        </details>
      ) : null}
      {fields.length ? (
        <table className="sw-fields" aria-label="dataset fields">
          <thead><tr><th>Field</th><th>Shape</th><th>Type</th></tr></thead>
          <tbody>
            {doc!.fields.map((f) => <tr key={f.name} title={f.description}><td><code>{f.name}</code></td><td><code>{f.shape}</code></td><td>{f.dtype === 'int32' ? 'ids' : 'floats'}</td></tr>)}
          </tbody>
        </table>
      ) : null}
      {doc ? (
        <div className="sw-bindings" aria-label="bindings">
          <div className="sw-bindings-head">
            <h4>Bindings</h4>
            <button type="button" className="sw-link" onClick={() => setTraining({ bindings: suggestBindings(wants, fields) }, 'training.bindings')}>suggest again</button>
          </div>
          {wants.map((w) => {
            const chosen = bindings[w.nodeId] ?? '';
            const field = fields.find((f) => f.name === chosen);
            const fits = field ? w.shapes.some((s) => fieldFits(field, s)) : null;
            return (
              <div key={w.nodeId} className="sw-binding">
                <label htmlFor={`bind-${w.nodeId}`}><code>{w.nodeId}</code> <small className="muted">{w.role === 'input' ? 'reads' : 'learns'}</small></label>
                <select id={`bind-${w.nodeId}`} aria-label={`field for ${w.nodeId}`} value={chosen}
                  onChange={(e) => {
                    const next = { ...bindings };
                    if (e.target.value) next[w.nodeId] = e.target.value; else delete next[w.nodeId];
                    setTraining({ bindings: next }, 'training.bindings');
                  }}>
                  <option value="">not bound</option>
                  {fields.map((f) => <option key={f.name} value={f.name}>{f.name} {f.shape}{w.shapes.some((s) => fieldFits(f, s)) ? ' ✓' : ''}</option>)}
                </select>
                {fits === false ? <span className="sw-field-problem">shape does not fit</span> : null}
              </div>
            );
          })}
          {wants.length === 0 ? <p className="muted">The graph has no input or Output nodes to bind.</p> : null}
        </div>
      ) : null}
    </section>
  );
}

/** A dataset file, as the path to write in the graph (relative to the project when it has one); null when cancelled. */
async function pickDatasetFile(): Promise<string | null> {
  const api = host.services;
  if (!api) return null;
  // The project the file's path is written relative to (none for a draft).
  const { project } = runsOwner();
  try {
    const chosen = await host.pickPath('open', 'dataset');
    if (chosen === null) return null;
    const r = await api.chooseDatasetFile(chosen ? { project, path: chosen } : { project });
    return r ? r.relative : null;
  } catch (err) {
    useEditor.getState().notify({ kind: 'error', text: `Could not use that file: ${(err as Error).message}` });
    return null;
  }
}

type OptionDoc = DatasetDoc['options'][number];

function OptionField({ option, value, onChange }: { option: OptionDoc; value: unknown; onChange(v: unknown): void }) {
  const id = `dataset-option-${option.name}`;
  const shown = value ?? option.default;
  let control: React.ReactNode;
  if (option.kind === 'bool') control = <input id={id} type="checkbox" role="switch" checked={shown === true} onChange={(e) => onChange(e.target.checked)} />;
  else if (option.kind === 'choice') control = <select id={id} value={String(shown ?? '')} onChange={(e) => onChange(e.target.value)}>{option.choices?.map((c) => <option key={c}>{c}</option>)}</select>;
  else if (option.kind === 'int' || option.kind === 'float') {
    control = <NumberInput id={id} step={option.kind === 'int' ? 1 : 'any'} value={typeof shown === 'number' ? shown : undefined}
      check={(v) => (option.kind === 'int' && !Number.isInteger(v) ? 'not a whole number' : null)} onCommit={onChange} />;
  } else if (option.kind === 'strings') {
    control = <input id={id} value={Array.isArray(shown) ? shown.join(', ') : ''} onChange={(e) => onChange(e.target.value.split(',').map((x) => x.trim()).filter(Boolean))} />;
  } else control = <input id={id} value={String(shown ?? '')} onChange={(e) => onChange(e.target.value)} />;
  return (
    <div className="sw-field" title={option.help}>
      <label htmlFor={id}>{option.name}</label>
      {control}
    </div>
  );
}
