import { useEffect, useRef } from 'react';
import { useAsk } from './ask';

/** "Discard unsaved changes?": Save, Discard or Cancel, in the window rather than the browser's confirm box. */
export function DiscardDialog() {
  const question = useAsk((s) => s.question);
  const saveButton = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!question) return;
    const before = document.activeElement as HTMLElement | null;
    saveButton.current?.focus();
    return () => before?.focus?.();
  }, [question]);
  if (!question) return null;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); question.answer('cancel'); }
    if (e.key !== 'Tab') return;
    // Focus stays in the dialog while it is open.
    const buttons = [...(box.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? buttons.length - 1 : at - 1) : (at + 1) % buttons.length;
    e.preventDefault();
    buttons[next]?.focus();
  };
  return (
    <div className="sw-modal-backdrop is-top" onMouseDown={(e) => { if (e.target === e.currentTarget) question.answer('cancel'); }}>
      <div ref={box} className="sw-modal sw-ask" role="alertdialog" aria-modal="true" aria-labelledby="sw-ask-title" aria-describedby="sw-ask-text" onKeyDown={onKeyDown}>
        <h2 id="sw-ask-title">Discard unsaved changes?</h2>
        <p id="sw-ask-text">This project has changes that are not saved. Save them before {question.what}?</p>
        <div className="sw-ask-buttons">
          <button type="button" className="sw-button" onClick={() => question.answer('cancel')}>Cancel</button>
          <button type="button" className="sw-button is-danger" onClick={() => question.answer('discard')}>Discard</button>
          <button ref={saveButton} type="button" className="sw-button is-primary" onClick={() => question.answer('save')}>Save</button>
        </div>
      </div>
    </div>
  );
}
