import { useEffect, useState } from 'react';
import { host, type RecoveryCopy } from '../host/host';
import { openText } from '../state/files';

/** After a crash or a closed tab, offers back the autosaved copy of the unsaved work. */
export function RecoveryOffer() {
  const [copy, setCopy] = useState<RecoveryCopy | null>(null);
  useEffect(() => {
    void host.readRecovery().then(setCopy).catch(() => setCopy(null));
  }, []);
  if (!copy) return null;
  const when = new Date(copy.savedAt);
  return (
    <div className="sw-recovery" role="alertdialog" aria-label="recover unsaved work">
      <span>Unsaved work from {isNaN(when.getTime()) ? 'an earlier session' : when.toLocaleString()} was recovered{copy.path ? ` (${copy.path})` : ''}.</span>
      <button type="button" className="sw-button is-primary" onClick={() => { void openText({ path: copy.path, name: copy.path ?? 'recovered project', text: copy.text }, { dirty: true, ...(copy.draft ? { draft: copy.draft } : {}) }); setCopy(null); }}>Restore</button>
      <button type="button" className="sw-button" onClick={() => { void host.clearRecovery(); setCopy(null); }}>Discard</button>
    </div>
  );
}
