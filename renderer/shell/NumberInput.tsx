import { useEffect, useState } from 'react';

export interface NumberInputProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> {
  value: number | undefined;
  /** Called with each number typed that passes `check`; `undefined` when the field is emptied. */
  onCommit(value: number | undefined): void;
  /** Why a typed number is refused, or null to take it. */
  check?(value: number): string | null;
}

/**
 * A number field that keeps what is typed: "0." or "0.00" on the way to
 * 0.005 stays in the box, while the number it means so far is committed.
 * A number that does not fit is shown as invalid and not committed.
 */
export function NumberInput({ value, onCommit, check, onBlur, ...rest }: NumberInputProps) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    // Another edit (undo, a reset) changed the value: show it, unless the draft already means it.
    setDraft((d) => (d.trim() !== '' && Number(d) === value ? d : value === undefined ? '' : String(value)));
  }, [value]);
  return (
    <input
      {...rest}
      type="number"
      value={draft}
      aria-invalid={invalid || undefined}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        if (text.trim() === '') { setInvalid(false); onCommit(undefined); return; }
        const n = Number(text);
        const why = Number.isFinite(n) ? (check?.(n) ?? null) : 'not a number';
        setInvalid(why !== null);
        if (why === null) onCommit(n);
      }}
      onBlur={(e) => {
        setInvalid(false);
        setDraft(value === undefined ? '' : String(value));
        onBlur?.(e);
      }}
    />
  );
}
