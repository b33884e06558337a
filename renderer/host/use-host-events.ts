import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import type { MenuCommand } from '../../core/api/events';
import { useCanvasShared } from '../canvas/canvas-context';
import { fitSoon, fitView } from '../canvas/viewport';
import { autoLayout, copyToClipboard, deleteSelection, pasteFromClipboard, selectAll } from '../state/commands';
import { newProject, openProject, openRecent, saveProject } from '../state/files';
import { isDirty, useEditor } from '../state/store';
import { host } from './host';

/** Seqwire's services, through the window's one host object; `null` in a plain browser. */
const api = host.services;

/**
 * The host's side of the conversation: menu items and files opened by the OS
 * arrive as events; the window tells the host its document's name and
 * whether it is saved, for the title bar and the question on close.
 */
export function useHostEvents(actions: { showTemplates(): void; exportModel(format: 'tfjs' | 'keras'): void; importModel(): void }): void {
  const flow = useReactFlow();
  const { model } = useCanvasShared();
  useEffect(() => {
    if (!api) return;
    const s = () => useEditor.getState();
    const run: Record<MenuCommand, (path?: string) => void> = {
      new: () => void newProject(),
      open: () => void openProject(),
      openRecent: (path) => path && void openRecent(path),
      save: () => void saveProject(),
      saveAs: () => void saveProject(true),
      // The host closes the window itself once the document state it hears says saved.
      saveAndClose: () => void saveProject(),
      exportTfjs: () => actions.exportModel('tfjs'),
      exportKeras: () => actions.exportModel('keras'),
      importModel: actions.importModel,
      undo: () => s().undo(),
      redo: () => s().redo(),
      cut: () => void copyToClipboard(true),
      copy: () => void copyToClipboard(),
      paste: () => void pasteFromClipboard(),
      delete: deleteSelection,
      selectAll,
      zoomIn: () => void flow.zoomIn(),
      zoomOut: () => void flow.zoomOut(),
      zoomToFit: () => void fitView(flow, { duration: 250 }),
      autoLayout: () => void autoLayout(model.measured).then(() => fitSoon(flow, { duration: 250 })),
      showTemplates: actions.showTemplates,
      about: () => s().notify({ kind: 'info', text: 'Seqwire: design recurrent networks by wiring nodes.' }),
    };
    const offCommand = api.on('command', ({ command, path }) => run[command](path));
    const offOpen = api.on('openFile', ({ path }) => void openRecent(path));
    let last = '';
    const report = () => {
      const now = s();
      const state = { path: now.file.path, name: now.graph.name || 'Untitled', dirty: isDirty(now) };
      const key = JSON.stringify(state);
      if (key === last) return;
      last = key;
      void api!.setDocumentState(state).catch(() => undefined);
    };
    report();
    const offState = useEditor.subscribe(report);
    return () => { offCommand(); offOpen(); offState(); };
  }, [flow, model, actions]);
}
