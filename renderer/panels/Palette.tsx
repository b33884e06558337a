import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { NODE_CATEGORIES } from '../../core/nodes/spec';
import { useCanvasShared } from '../canvas/canvas-context';
import { NODE_DRAG_TYPE } from '../canvas/Canvas';
import { searchSpecs } from '../canvas/node-search';
import { centreOfView, placeNew } from '../canvas/place-new';
import { addNode } from '../state/commands';

/** Node types grouped as the lecture groups them, with a search; drag onto the canvas, or press Enter to add at the centre. */
export function Palette() {
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchSpecs(query), [query]);
  const flow = useReactFlow();
  const { model } = useCanvasShared();
  const addAtCentre = (type: string) => addNode(type, placeNew(flow, model.measured, centreOfView(flow)));
  return (
    <nav className="sw-palette" aria-label="node palette">
      <div className="sw-panel-title">Nodes</div>
      <input
        className="sw-search"
        type="search"
        placeholder="Search nodes…"
        aria-label="search the palette"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && found[0]) addAtCentre(found[0].type); }}
      />
      <div className="sw-palette-groups">
        {NODE_CATEGORIES.map((category) => {
          const specs = found.filter((s) => s.category === category);
          if (specs.length === 0) return null;
          return (
            <section key={category} aria-label={category}>
              <h3 className={`sw-group-title cat-${category.toLowerCase()}`}>{category}</h3>
              <ul>
                {specs.map((s) => (
                  <li key={s.type}>
                    <button
                      type="button"
                      className={`sw-palette-item cat-${category.toLowerCase()}`}
                      draggable
                      onDragStart={(e) => { e.dataTransfer.setData(NODE_DRAG_TYPE, s.type); e.dataTransfer.effectAllowed = 'copy'; }}
                      onClick={() => addAtCentre(s.type)}
                      title={s.description}
                      aria-label={`add ${s.type}: ${s.description}`}
                    >
                      <span className={`sw-dot cat-${category.toLowerCase()}`} />
                      <span className="sw-palette-name">{s.type}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {found.length === 0 ? <p className="muted">No node type matches “{query}”.</p> : null}
      </div>
    </nav>
  );
}
