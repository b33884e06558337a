import { useStartup } from '../state/startup';

/** After a crash or a closed tab, offers back the autosaved copy of the unsaved work (in the gallery when it is open, else under the toolbar). */
export function RecoveryOffer() {
  const copy = useStartup((s) => s.recovery);
  const restore = useStartup((s) => s.restore);
  const discard = useStartup((s) => s.discard);
  if (!copy) return null;
  const when = new Date(copy.savedAt);
  return (
    <div className="sw-recovery" role="alertdialog" aria-label="recover unsaved work">
      <span>Unsaved work from {isNaN(when.getTime()) ? 'an earlier session' : when.toLocaleString()} was recovered{copy.path ? ` (${copy.path})` : ''}.</span>
      <button type="button" className="sw-button is-primary" onClick={() => void restore()}>Restore</button>
      <button type="button" className="sw-button" onClick={() => void discard()}>Discard</button>
    </div>
  );
}
