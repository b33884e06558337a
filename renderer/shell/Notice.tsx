import { useEffect } from 'react';
import { useEditor } from '../state/store';

/** The one-line message of the last command (a refused wire, a save, a file that could not be read). */
export function Notice() {
  const notice = useEditor((s) => s.notice);
  const notify = useEditor((s) => s.notify);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => notify(null), notice.kind === 'error' ? 9000 : 3500);
    return () => clearTimeout(t);
  }, [notice, notify]);
  if (!notice) return null;
  return (
    <div className={`sw-notice is-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      {notice.action ? (
        <button type="button" className="sw-button is-primary sw-fix-button" onClick={() => { notice.action!.run(); notify(null); }}>{notice.action.label}</button>
      ) : null}
      <button type="button" className="sw-icon-button" onClick={() => notify(null)} aria-label="dismiss message">✕</button>
    </div>
  );
}
