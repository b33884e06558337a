import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useCanvasShared } from '../canvas/canvas-context';
import { fitSoon, fitView } from '../canvas/viewport';
import { centreOfView } from '../canvas/place-new';
import { addGroup, autoLayout, copyText, cutText, deleteSelection, pasteText, selectAll } from '../state/commands';
import { newProject, openProject, saveProject } from '../state/files';
import { useEditor } from '../state/store';

/** True while the user types into a field: shortcuts leave such keys alone. */
function typing(e: Event): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/**
 * The keyboard: undo/redo, delete, select all, file commands, fit and layout;
 * copy, cut and paste go through the clipboard events, which need no
 * permission and carry graph JSON between windows and projects.
 */
export function useShortcuts(): void {
  const flow = useReactFlow();
  const { model, pointer } = useCanvasShared();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e)) return;
      const s = useEditor.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (f: () => void) => { e.preventDefault(); f(); };
      if (mod && key === 'z' && !e.shiftKey) run(s.undo);
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) run(s.redo);
      else if (mod && key === 'a') run(selectAll);
      else if (mod && key === 'g') run(() => addGroup(centreOfView(flow), model.measured));
      else if (mod && key === 'o') run(() => void openProject());
      else if (mod && key === 'n') run(() => void newProject());
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) run(deleteSelection);
      else if (!mod && !e.altKey && key === 'f') run(() => void fitView(flow, { duration: 250 }));
      else if (!mod && !e.altKey && key === 'l') run(() => void autoLayout(model.measured).then(() => fitSoon(flow, { duration: 250 })));
      else if (e.key === 'Escape') s.select([]);
    };
    // Saving works from anywhere, a text field included, and never reaches the browser's own "Save Page".
    const onSave = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      if (!e.repeat) void saveProject(e.shiftKey);
    };
    const onCopy = (e: ClipboardEvent) => {
      if (typing(e)) return;
      const text = copyText();
      if (text && e.clipboardData) { e.clipboardData.setData('text/plain', text); e.preventDefault(); }
    };
    const onCut = (e: ClipboardEvent) => {
      if (typing(e)) return;
      const text = cutText();
      if (text && e.clipboardData) { e.clipboardData.setData('text/plain', text); e.preventDefault(); }
    };
    const onPaste = (e: ClipboardEvent) => {
      if (typing(e)) return;
      e.preventDefault();
      pasteText(e.clipboardData?.getData('text/plain') || null, pointer.flow ?? undefined);
    };
    window.addEventListener('keydown', onSave, true);
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onSave, true);
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [flow, model, pointer]);
}
