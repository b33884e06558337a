import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { HostApi } from '../../core/api/contract';

/** A request for a path, answered by the chooser (browser mode has no native dialogs). */
interface ChooserRequest {
  mode: 'open' | 'save';
  kind: 'project' | 'dataset' | 'model';
  suggestedName: string;
  /** Added to a name typed when saving: `.seqwire.json` for projects, `.py` for a Keras script, nothing for a folder. */
  suffix: string;
  api: HostApi;
  resolve(path: string | null): void;
}

const useChooser = create<{ request: ChooserRequest | null }>(() => ({ request: null }));

/** Asks the user for a path under the host's project folder; `null` when cancelled. */
export function choosePath(api: HostApi, mode: ChooserRequest['mode'], kind: ChooserRequest['kind'], suggestedName = '', suffix = '.seqwire.json'): Promise<string | null> {
  return new Promise((resolve) => {
    useChooser.getState().request?.resolve(null);
    useChooser.setState({ request: { api, mode, kind, suggestedName, suffix, resolve } });
  });
}

type Listing = { root: string; dir: string; parent: string | null; entries: { name: string; path: string; kind: 'dir' | 'file' }[] };

/** The in-app file chooser: folders under the project folder, files of the wanted kind, a name field when saving. */
export function FileChooser() {
  const request = useChooser((s) => s.request);
  const [listing, setListing] = useState<Listing | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const browse = (dir?: string) => {
    if (!request) return;
    request.api.browse({ dir, kind: request.kind }).then((l) => { setListing(l); setError(null); }, (e: Error) => setError(e.message));
  };
  useEffect(() => {
    if (!request) return;
    setName(request.suggestedName);
    setListing(null);
    browse();
    // Browsing starts again for each new request.
  }, [request]);
  if (!request) return null;
  const finish = (path: string | null) => { useChooser.setState({ request: null }); request.resolve(path); };
  const sep = listing?.dir.includes('\\') ? '\\' : '/';
  const savePath = () => {
    const file = !request.suffix || name.trim().endsWith(request.suffix) ? name.trim() : `${name.trim()}${request.suffix}`;
    if (!listing || !name.trim()) return;
    finish(`${listing.dir}${listing.dir.endsWith(sep) ? '' : sep}${file}`);
  };
  return (
    <div className="sw-modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) finish(null); }}>
      <div className="sw-modal sw-chooser" role="dialog" aria-modal="true" aria-label={request.mode === 'open' ? 'open a file' : 'save as'}
        onKeyDown={(e) => { if (e.key === 'Escape') finish(null); }}>
        <header>
          <h2>{request.mode === 'open' ? 'Open' : 'Save as'}</h2>
          <button type="button" className="sw-icon-button" onClick={() => finish(null)} aria-label="cancel">✕</button>
        </header>
        <div className="sw-chooser-dir" aria-label="folder">{listing?.dir ?? '…'}</div>
        {error ? <p className="sw-field-problem" role="alert">{error}</p> : null}
        <ul className="sw-chooser-list" aria-label="files">
          {listing?.parent ? <li><button type="button" onClick={() => browse(listing.parent!)} aria-label="parent folder">↑ ..</button></li> : null}
          {listing?.entries.map((e) => (
            <li key={e.path}>
              <button type="button" className={e.kind === 'dir' ? 'is-dir' : ''}
                onClick={() => (e.kind === 'dir' ? browse(e.path) : request.mode === 'open' ? finish(e.path) : setName(e.name))}
                aria-label={`${e.kind === 'dir' ? 'folder' : 'file'} ${e.name}`}>
                {e.kind === 'dir' ? '▸ ' : ''}{e.name}
              </button>
            </li>
          ))}
          {listing && listing.entries.length === 0 ? <li className="muted">Nothing here yet.</li> : null}
        </ul>
        {request.mode === 'save' ? (
          <form className="sw-chooser-save" onSubmit={(e) => { e.preventDefault(); savePath(); }}>
            <label htmlFor="chooser-name">File name</label>
            <input id="chooser-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="sw-button is-primary" disabled={!name.trim()}>Save</button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
