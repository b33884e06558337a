import { useEffect, useId, useRef, useState } from 'react';

/** One entry of a menu; `null` draws a separator. */
export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  hint?: string;
}

/**
 * A button that opens a list of commands, with the WAI-ARIA menu button
 * pattern: arrows, Home and End move, Enter or a click chooses, Escape, Tab
 * or a click elsewhere closes, and focus returns to the button. `items` may
 * be loaded on opening (the recent projects).
 */
export function MenuButton({ label, menuLabel = label, text, items, empty = 'Nothing here', title }: {
  label: string; menuLabel?: string; text: React.ReactNode; items: (MenuItem | null)[] | (() => Promise<(MenuItem | null)[]>); empty?: string; title?: string;
}) {
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<(MenuItem | null)[]>(Array.isArray(items) ? items : []);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => { if (Array.isArray(items)) setList(items); }, [items]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => { if (box.current && !box.current.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [open]);

  // The first item takes focus when the menu opens, so the keyboard can go on from there.
  useEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>('[role=menuitem]:not(:disabled)')?.focus();
  }, [open, list]);

  const toggle = () => {
    if (!open && !Array.isArray(items)) void items().then(setList);
    setOpen((o) => !o);
  };
  const close = (refocus: boolean) => { setOpen(false); if (refocus) button.current?.focus(); };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const entries = [...(box.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not(:disabled)') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => { e.preventDefault(); entries[(i + entries.length) % entries.length]?.focus(); };
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); }
    else if (e.key === 'Tab') close(false);
    else if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(entries.length - 1);
  };
  const shown = list.filter((i, n) => i !== null || (n > 0 && n < list.length - 1));
  return (
    <div className="sw-menu" ref={box} onKeyDown={open ? onKeyDown : undefined}>
      <button ref={button} type="button" className="sw-tool" aria-label={label} title={title ?? label} aria-haspopup="menu" aria-expanded={open}
        aria-controls={open ? menuId : undefined} onClick={toggle}
        onKeyDown={(e) => { if (!open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) { e.preventDefault(); toggle(); } }}>
        {text}
      </button>
      {open ? (
        <ul className="sw-menu-list" role="menu" id={menuId} aria-label={menuLabel}>
          {shown.every((i) => i === null) ? <li className="muted" role="none">{empty}</li> : null}
          {shown.map((item, i) => item === null ? <li key={`sep-${i}`} role="separator" className="sw-menu-sep" /> : (
            <li key={item.label} role="none">
              <button type="button" role="menuitem" tabIndex={-1} disabled={item.disabled}
                onClick={() => { close(true); item.onSelect(); }}>
                <span>{item.label}</span>{item.hint ? <kbd>{item.hint}</kbd> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
