import { useRef } from 'react';

/**
 * The handle on a panel's inner edge: drag it, or focus it and press the
 * arrows, to make the panel wider or narrower. `edge` is the side of the
 * panel it sits on, so dragging towards the canvas widens the panel.
 */
export function Splitter({ label, edge, value, min, max, onChange }: {
  label: string; edge: 'left' | 'right'; value: number; min: number; max: number; onChange(width: number): void;
}) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const sign = edge === 'right' ? 1 : -1;
  return (
    <div
      className={`sw-splitter is-${edge}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { x: e.clientX, width: value };
      }}
      onPointerMove={(e) => {
        if (!start.current) return;
        onChange(Math.min(max, Math.max(min, start.current.width + sign * (e.clientX - start.current.x))));
      }}
      onPointerUp={() => { start.current = null; }}
      onPointerCancel={() => { start.current = null; }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 64 : 16;
        if (e.key === 'ArrowRight') { e.preventDefault(); onChange(Math.min(max, Math.max(min, value + sign * step))); }
        else if (e.key === 'ArrowLeft') { e.preventDefault(); onChange(Math.min(max, Math.max(min, value - sign * step))); }
      }}
    />
  );
}
