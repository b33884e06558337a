import { memo } from 'react';
import type { Graph } from '../../core/graph/schema';
import { getNodeSpec } from '../../core/nodes/registry';

const COLORS: Record<string, string> = { Inputs: '#2dd4bf', Recurrent: '#a78bfa', Stacking: '#818cf8', Layers: '#60a5fa', Decoders: '#fb923c' };

/** A thumbnail of a graph drawn from its own positions: boxes coloured by category, wires between them. */
export const TemplatePicture = memo(function TemplatePicture({ graph }: { graph: Graph }) {
  const placed = graph.nodes.map((n, i) => ({ n, p: n.position ?? { x: i * 240, y: 0 } }));
  const w = 180;
  const h = 70;
  const xs = placed.map((x) => x.p.x);
  const ys = placed.map((x) => x.p.y);
  const minX = Math.min(0, ...xs) - 30;
  const minY = Math.min(0, ...ys) - 30;
  const width = Math.max(...xs, 0) + w + 30 - minX;
  const height = Math.max(...ys, 0) + h + 30 - minY;
  const at = new Map(placed.map((x) => [x.n.id, x.p]));
  return (
    <svg viewBox={`${minX} ${minY} ${width} ${height}`} className="sw-template-picture" aria-hidden preserveAspectRatio="xMidYMid meet">
      {graph.edges.map((e) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        if (!a || !b) return null;
        const x1 = a.x + w, y1 = a.y + h / 2, x2 = b.x, y2 = b.y + h / 2;
        return <path key={e.id} d={`M${x1},${y1} C${x1 + 60},${y1} ${x2 - 60},${y2} ${x2},${y2}`} stroke="#5b6b85" strokeWidth={6} fill="none" />;
      })}
      {graph.nodes.map((n) => {
        const p = at.get(n.id)!;
        const color = COLORS[getNodeSpec(n.type)?.category ?? ''] ?? '#64748b';
        return (
          <g key={n.id}>
            <rect x={p.x} y={p.y} width={w} height={h} rx={14} fill="#1b2230" stroke={color} strokeWidth={5} />
            <rect x={p.x} y={p.y} width={w} height={22} rx={10} fill={color} opacity={0.85} />
            <text x={p.x + 14} y={p.y + 54} fill="#cbd5e1" fontSize={26} fontFamily="system-ui, sans-serif">{n.type}</text>
          </g>
        );
      })}
    </svg>
  );
});
