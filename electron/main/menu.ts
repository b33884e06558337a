import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../core/api/events';

export interface MenuContext {
  isMac: boolean;
  recent: { path: string; name: string }[];
  /** Asks the window to act (File commands, canvas undo, zoom...). */
  send(command: MenuCommand, path?: string): void;
  /** Undo, redo, delete and select all act on a text field when one has focus, else on the canvas. */
  edit(action: 'undo' | 'redo' | 'delete' | 'selectAll'): void;
  clearRecent(): void;
  isPackaged: boolean;
}

/**
 * The application menu. The window handles its own keyboard shortcuts (the
 * same in a browser), so accelerators the window knows are shown but not
 * registered (`registerAccelerator: false`): a key press reaches the page
 * once, never twice. Cut, copy and paste are the native roles: they fire the
 * DOM clipboard events the canvas listens to, and work in text fields.
 */
export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const shown = (label: string, accelerator: string, click: () => void): MenuItemConstructorOptions => ({ label, accelerator, registerAccelerator: false, click });
  const item = (label: string, click: () => void, accelerator?: string): MenuItemConstructorOptions => (accelerator ? { label, accelerator, click } : { label, click });

  const recent: MenuItemConstructorOptions[] = ctx.recent.length
    ? [...ctx.recent.map((r) => item(r.name, () => ctx.send('openRecent', r.path))), { type: 'separator' }, item('Clear Recent', () => ctx.clearRecent())]
    : [{ label: 'No Recent Projects', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      shown('New', 'CmdOrCtrl+N', () => ctx.send('new')),
      item('New from Template…', () => ctx.send('showTemplates')),
      shown('Open…', 'CmdOrCtrl+O', () => ctx.send('open')),
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      shown('Save', 'CmdOrCtrl+S', () => ctx.send('save')),
      shown('Save As…', 'CmdOrCtrl+Shift+S', () => ctx.send('saveAs')),
      { type: 'separator' },
      item('Import a model…', () => ctx.send('importModel'), 'CmdOrCtrl+I'),
      {
        label: 'Export',
        submenu: [item('TensorFlow.js Files…', () => ctx.send('exportTfjs'), 'CmdOrCtrl+E'), item('Keras Python…', () => ctx.send('exportKeras'), 'CmdOrCtrl+Shift+E')],
      },
      { type: 'separator' },
      ctx.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      shown('Undo', 'CmdOrCtrl+Z', () => ctx.edit('undo')),
      shown('Redo', ctx.isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', () => ctx.edit('redo')),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      shown('Delete', 'Delete', () => ctx.edit('delete')),
      { type: 'separator' },
      shown('Select All', 'CmdOrCtrl+A', () => ctx.edit('selectAll')),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      shown('Zoom to Fit', 'F', () => ctx.send('zoomToFit')),
      item('Zoom In', () => ctx.send('zoomIn'), 'CmdOrCtrl+='),
      item('Zoom Out', () => ctx.send('zoomOut'), 'CmdOrCtrl+-'),
      shown('Auto Layout', 'L', () => ctx.send('autoLayout')),
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(ctx.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [item('Templates of the RNN Lecture', () => ctx.send('showTemplates')), { type: 'separator' }, item('About Seqwire', () => ctx.send('about'))],
  };

  const appMenu: MenuItemConstructorOptions[] = ctx.isMac
    ? [{ role: 'appMenu' }]
    : [];
  return [...appMenu, file, edit, view, help];
}
