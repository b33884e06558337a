import { Splitter } from './Splitter';

/**
 * A panel at the side of the canvas, with a handle on its inner edge to
 * resize it and a button to fold it into a narrow rail (and back).
 */
export function SidePanel({ side, name, open, width, min, max, onWidth, onOpen, children }: {
  side: 'left' | 'right'; name: string; open: boolean; width: number; min: number; max: number;
  onWidth(width: number): void; onOpen(open: boolean): void; children: React.ReactNode;
}) {
  if (!open) {
    return (
      <div className={`sw-side sw-side-${side} is-folded`}>
        <button type="button" className="sw-rail-button" onClick={() => onOpen(true)} aria-label={`show ${name}`} title={`show ${name}`}>
          <span aria-hidden>{side === 'left' ? '›' : '‹'}</span>
          <span className="sw-rail-name" aria-hidden>{name}</span>
        </button>
      </div>
    );
  }
  return (
    <div className={`sw-side sw-side-${side}`} style={{ width }}>
      {children}
      <button type="button" className="sw-fold-button" onClick={() => onOpen(false)} aria-label={`hide ${name}`} title={`hide ${name}`}>
        <span aria-hidden>{side === 'left' ? '‹' : '›'}</span>
      </button>
      <Splitter label={`resize ${name}`} edge={side === 'left' ? 'right' : 'left'} value={width} min={min} max={max} onChange={onWidth} />
    </div>
  );
}
