import { useEffect, useRef, useState } from 'react';
import { RecoveryOffer } from '../shell/RecoveryOffer';
import { reopensLast, setReopensLast } from '../state/startup';
import { openGraph, newProject } from '../state/files';
import { TemplatePicture } from './TemplatePicture';
import { SECTIONS, TEMPLATES } from './templates';

/** The lecture's patterns as a gallery: a picture and a sentence each; opening one replaces the document. */
export function TemplateGallery({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const [reopen, setReopen] = useState(reopensLast);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const empty = (
    <button type="button" className="sw-template-card is-empty" onClick={() => { void newProject().then((done) => { if (done) onClose(); }); }} aria-label="empty project">
      <div className="sw-template-blank">+</div>
      <strong>Empty</strong>
      <span>Start from a blank canvas.</span>
    </button>
  );
  return (
    <div className="sw-modal-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="sw-modal sw-gallery" role="dialog" aria-modal="true" aria-label="templates" ref={dialog}>
        <RecoveryOffer />
        <header>
          <h2>Start from a pattern</h2>
          <button type="button" className="sw-icon-button" onClick={onClose} aria-label="close templates">✕</button>
        </header>
        {SECTIONS.map((section) => {
          const here = TEMPLATES.filter((t) => t.section === section);
          return here.length === 0 ? null : (
            <section key={section} className="sw-gallery-section" aria-label={section}>
              <h3>{section}</h3>
              <div className="sw-gallery-grid">
                {section === SECTIONS[0] ? empty : null}
                {here.map((t) => (
                  <button key={t.file} type="button" className="sw-template-card" aria-label={`template ${t.title}`}
                    onClick={() => { void openGraph(t.graph, t.file, { relayout: true, note: `${t.title}\n${t.sentence}` }).then((done) => { if (done) onClose(); }); }}>
                    <TemplatePicture graph={t.graph} />
                    <strong>{t.title}</strong>
                    <span>{t.sentence}</span>
                  </button>
                ))}
              </div>
            </section>
          );
        })}
        {TEMPLATES.length === 0 ? <p className="muted">No templates were bundled with this build.</p> : null}
        <label className="sw-reopen">
          <input type="checkbox" checked={reopen} onChange={(e) => { setReopen(e.target.checked); setReopensLast(e.target.checked); }} />
          Reopen the last project when Seqwire starts (off: start with this gallery)
        </label>
      </div>
    </div>
  );
}
