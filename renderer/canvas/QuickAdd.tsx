import { useMemo, useState } from 'react';
import { searchSpecs } from './node-search';

/** The search-and-add box a double-click on the canvas opens at that point. */
export function QuickAdd({ at, onPick, onClose }: { at: { x: number; y: number }; onPick(type: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => searchSpecs(query), [query]);
  const current = Math.min(active, Math.max(0, found.length - 1));
  return (
    <div className="sw-quickadd" style={{ left: at.x, top: at.y }} role="dialog" aria-label="add a node">
      <input
        autoFocus
        aria-label="search node types"
        placeholder="Add node…"
        value={query}
        onChange={(e) => { setQuery(e.target.value); setActive(0); }}
        onBlur={() => setTimeout(onClose, 150)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((current + 1) % Math.max(1, found.length)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((current - 1 + found.length) % Math.max(1, found.length)); }
          else if (e.key === 'Enter' && found[current]) onPick(found[current].type);
        }}
      />
      <ul role="listbox" aria-label="matching node types">
        {found.map((s, i) => (
          <li key={s.type} role="option" aria-selected={i === current} className={i === current ? 'is-active' : ''}
            onMouseDown={(e) => { e.preventDefault(); onPick(s.type); }} onMouseEnter={() => setActive(i)}>
            <span className={`sw-dot cat-${s.category.toLowerCase()}`} />
            <strong>{s.type}</strong>
            <small>{s.category}</small>
          </li>
        ))}
        {found.length === 0 ? <li className="muted">No node type matches “{query}”.</li> : null}
      </ul>
    </div>
  );
}
