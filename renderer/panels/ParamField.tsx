import { useEffect, useState } from 'react';
import { checkParam, type ParamDef } from '../../core/nodes/params';

export interface ParamFieldProps {
  nodeId: string;
  name: string;
  def: ParamDef;
  /** The value written in the file, `undefined` when the default applies. */
  raw: unknown;
  /** Output node ids, for a `nodeRef` param (feedback). */
  outputs: string[];
  onChange(value: unknown): void;
}

const describeDefault = (def: ParamDef) => ('default' in def ? (def.default === null ? 'none' : String(def.default)) : null);

/** One param's control, generated from its def; a value that does not fit is shown with why and not written. */
export function ParamField({ nodeId, name, def, raw, outputs, onChange }: ParamFieldProps) {
  const fieldId = `param-${nodeId}-${name}`;
  const label = def.label ?? name;
  const fallback = describeDefault(def);
  const value = raw === undefined ? ('default' in def ? def.default : undefined) : raw;
  const [draft, setDraft] = useState(value === null || value === undefined ? '' : String(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // Keep what is being typed when it already means the value ("0." on the way to 0.05).
    setDraft((d) => (d.trim() !== '' && Number(d) === value ? d : value === null || value === undefined ? '' : String(value)));
    setProblem(null);
  }, [value, nodeId]);

  const tryCommit = (next: unknown) => {
    const why = checkParam(def, next);
    setProblem(why);
    if (!why) onChange(next);
  };

  let control: React.ReactNode;
  switch (def.kind) {
    case 'int':
    case 'float': {
      const isNone = def.kind === 'int' && def.nullable && value === null;
      control = (
        <div className="sw-field-row">
          <input
            id={fieldId}
            type="number"
            inputMode={def.kind === 'int' ? 'numeric' : 'decimal'}
            step={def.kind === 'int' ? 1 : 'any'}
            min={def.min}
            max={def.max}
            disabled={isNone}
            value={isNone ? '' : draft}
            placeholder={isNone ? 'none' : fallback ?? ''}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${fieldId}-problem` : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              if (e.target.value.trim() === '') { setProblem('needs a value'); return; }
              tryCommit(Number(e.target.value));
            }}
          />
          {def.kind === 'int' && def.nullable ? (
            <label className="sw-none-toggle">
              <input type="checkbox" checked={value === null} aria-label={`${label}: none`}
                onChange={(e) => tryCommit(e.target.checked ? null : Number(draft) || def.min || 1)} />
              none
            </label>
          ) : null}
        </div>
      );
      break;
    }
    case 'choice':
      control = (
        <select id={fieldId} value={value === null || value === undefined ? 'none' : String(value)} onChange={(e) => tryCommit(e.target.value === 'none' && def.nullable ? null : e.target.value)}>
          {def.nullable ? <option value="none">none</option> : null}
          {def.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
    case 'bool':
      control = (
        <label className="sw-switch">
          <input id={fieldId} type="checkbox" role="switch" checked={value === true} onChange={(e) => tryCommit(e.target.checked)} />
          <span className="sw-switch-track" aria-hidden />
        </label>
      );
      break;
    case 'shape':
      control = (
        <input
          id={fieldId}
          type="text"
          inputMode="numeric"
          value={draft}
          placeholder="e.g. 28, 28 (one size may be -1)"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${fieldId}-problem` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            tryCommit(e.target.value.split(',').map((d) => (d.trim() === '' ? NaN : Number(d))));
          }}
        />
      );
      break;
    case 'nodeRef':
      control = (
        <select id={fieldId} value={typeof value === 'string' ? value : 'none'} onChange={(e) => tryCommit(e.target.value === 'none' ? null : e.target.value)}>
          <option value="none">none</option>
          {typeof value === 'string' && value !== 'none' && !outputs.includes(value) ? <option value={value}>{value} (not an Output)</option> : null}
          {outputs.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
      break;
  }

  const range = (def.kind === 'int' || def.kind === 'float') && (def.min !== undefined || def.max !== undefined)
    ? `${def.min ?? '−∞'} to ${def.max ?? '∞'}${def.kind === 'float' && def.maxExclusive ? ' (exclusive)' : ''}` : null;
  return (
    <div className={`sw-field ${problem ? 'is-invalid' : ''}`}>
      <div className="sw-field-head">
        <label htmlFor={fieldId}>{label}</label>
        {raw !== undefined && fallback !== null ? (
          <button type="button" className="sw-link" onClick={() => onChange(undefined)} aria-label={`reset ${label} to its default ${fallback}`}>reset</button>
        ) : null}
      </div>
      {control}
      <div className="sw-field-help">
        {def.help ? <span>{def.help}</span> : null}
        {range ? <span className="muted"> · {range}</span> : null}
        {fallback !== null ? <span className="muted"> · default {fallback}</span> : null}
      </div>
      {problem ? <div className="sw-field-problem" id={`${fieldId}-problem`} role="alert">{label} {problem}</div> : null}
    </div>
  );
}
