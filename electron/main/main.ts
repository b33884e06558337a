// The Electron main process: one window, its menus and dialogs, and the host
// that implements the API contract over IPC. Bundled by
// scripts/build-electron.mjs into dist/electron/main.cjs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { dispatch, parseEvent, type EmitEvent } from '../../core/api/contract';
import type { MenuCommand } from '../../core/api/events';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../core/api/wire';
import { defaultServices } from '../host/default-services';
import { createHost, type Host } from '../host/host';
import { nativeDialogs } from './dialogs';
import { closeAction, projectFromArgv, windowTitle, type DocumentState } from './document';
import { menuTemplate } from './menu';
import { isAppUrl, registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, lockDownWebContents } from './window';

let win: BrowserWindow | null = null;
let host: Host | null = null;
let doc: DocumentState = { path: null, name: 'Untitled', dirty: false };
let closeConfirmed = false;
let closeAfterSave = false;
/** True once the window has subscribed to events (its first `setDocumentState`). */
let windowReady = false;
/** A project asked for before the window could receive it (macOS open-file at launch, argv). */
let pendingOpen: string | null = projectFromArgv(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());

registerAppScheme();
lockDownWebContents();

const emit: EmitEvent = (name, payload) => {
  const checked = parseEvent(name, payload);
  if (checked === null) throw new Error(`event ${name}: payload does not match the contract`);
  win?.webContents.send(IPC_EVENT_CHANNEL, name, checked);
};

function send(command: MenuCommand, path?: string) {
  emit('command', path === undefined ? { command } : { command, path });
}

/** Edit commands act on a focused text field natively, else on the canvas through the window. */
async function edit(action: 'undo' | 'redo' | 'delete' | 'selectAll') {
  const contents = win?.webContents;
  if (!contents) return;
  const typing = await contents
    .executeJavaScript("(() => { const a = document.activeElement; return !!a && (a.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(a.tagName)); })()")
    .catch(() => false);
  if (typing) contents[action]();
  else send(action);
}

async function refreshMenu() {
  const recent = host ? await host.handlers.recentFiles({}).catch(() => ({ files: [] })) : { files: [] };
  const template = menuTemplate({
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    recent: recent.files.filter((f) => f.exists),
    send,
    edit: (action) => void edit(action),
    clearRecent: () => void host?.handlers.clearRecentFiles({}).then(refreshMenu),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function onDocumentState(state: DocumentState) {
  doc = state;
  if (!win) return;
  // The window reports its document once it listens to events: only now can it hear an open.
  if (!windowReady) {
    windowReady = true;
    if (pendingOpen) host?.openFromOutside(pendingOpen);
    pendingOpen = null;
  }
  win.setTitle(windowTitle(state));
  if (process.platform === 'darwin') {
    win.setDocumentEdited(state.dirty);
    if (state.path) win.setRepresentedFilename(state.path);
  }
  void refreshMenu();
  if (closeAfterSave && !state.dirty) {
    closeConfirmed = true;
    win.close();
  }
  // Still unsaved after the window answered (the save dialog was cancelled): stay, and forget the close.
  else if (state.dirty) closeAfterSave = false;
}

function openProject(path: string) {
  if (host && win && windowReady) host.openFromOutside(path);
  else pendingOpen = path;
  if (win?.isMinimized()) win.restore();
  win?.focus();
}

/** Answers only the app's own window, from its main frame at the app's origin. */
function trustedSender(event: Electron.IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!win && event.sender === win.webContents && !!frame && frame === win.webContents.mainFrame && isAppUrl(frame.url);
}

async function start() {
  // The window needs no permission (camera, notifications, clipboard reads, HID...): deny every request and every check.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const root = app.getAppPath();
  serveRenderer(join(root, 'dist', 'renderer'));
  host = createHost({
    kind: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    assetsDir: join(root, 'assets'),
    projectRoot: null,
    dialogs: nativeDialogs(() => win),
    services: defaultServices(),
    emit,
    onDocumentState,
  });
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, name: unknown, payload: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'requests are answered only for the Seqwire window' } };
    return dispatch((host as Host).handlers, name, payload);
  });

  const icon = join(root, 'build', 'icon.png');
  win = createMainWindow(__dirname, existsSync(icon) ? icon : undefined);
  win.setTitle(windowTitle(doc));
  win.webContents.on('did-start-loading', () => {
    windowReady = false;
  });
  win.on('close', (event) => {
    if (closeConfirmed || !win) return;
    const action = closeAction(doc.dirty, () =>
      dialog.showMessageBoxSync(win as BrowserWindow, {
        type: 'question',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: `Save the changes to ${doc.path ? doc.name : 'this project'}?`,
        detail: 'Your changes will be lost if you close without saving.',
      }),
    );
    if (action === 'close') return;
    event.preventDefault();
    closeAfterSave = action === 'save-then-close';
    if (closeAfterSave) send('saveAndClose');
  });
  win.on('closed', () => {
    win = null;
  });
  await refreshMenu();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    const path = projectFromArgv(argv.slice(1), cwd);
    if (path) openProject(path);
    else if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openProject(path);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void host?.dispose());
  app.whenReady().then(start, (err: Error) => {
    dialog.showErrorBox('Seqwire could not start', err.message);
    app.quit();
  });
}
