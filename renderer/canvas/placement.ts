/** A box in flow coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The size a new node is taken to have before it is measured: a fresh node shows its "not connected" error, which makes it tall. */
export const NEW_NODE = { width: 214, height: 180 };
const GAP = 24;
const STEP = 30;

const hits = (a: Rect, b: Rect) => a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/**
 * Where a new node goes: the free spot nearest to `wanted` (its top-left
 * corner) that covers no node and no wire label and lies inside `view`;
 * `null` when the view has no room.
 */
export function freeSpot(wanted: { x: number; y: number }, taken: readonly Rect[], view: Rect, size: { width: number; height: number } = NEW_NODE): { x: number; y: number } | null {
  const fits = (x: number, y: number) => {
    const box = { x, y, ...size };
    return x >= view.x && y >= view.y && x + size.width <= view.x + view.width && y + size.height <= view.y + view.height && !taken.some((r) => hits(box, r));
  };
  if (fits(wanted.x, wanted.y)) return { x: Math.round(wanted.x), y: Math.round(wanted.y) };
  // Rings of growing radius around the wanted point, nearest first.
  const reach = Math.ceil(Math.max(view.width, view.height) / STEP);
  for (let ring = 1; ring <= reach; ring++) {
    let best: { x: number; y: number; d: number } | null = null;
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [[i, -ring], [i, ring], [-ring, i], [ring, i]]) {
        const x = wanted.x + dx * STEP;
        const y = wanted.y + dy * STEP;
        const d = dx * dx + dy * dy;
        if ((!best || d < best.d) && fits(x, y)) best = { x, y, d };
      }
    }
    if (best) return { x: Math.round(best.x), y: Math.round(best.y) };
  }
  return null;
}
