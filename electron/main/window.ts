import { join } from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { isAllowedExternal } from './external-links';
import { APP_URL, isAppUrl } from './protocol';

/**
 * The one window: context isolation, sandbox, no Node, no webview. It shows
 * only `seqwire://app/`; navigation elsewhere and new windows are refused
 * (the project's own pages and the references its help cites open in the
 * user's browser instead; see external-links.ts).
 */
export function createMainWindow(preloadDir: string, iconPath: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Seqwire',
    icon: iconPath,
    backgroundColor: '#14161a',
    webPreferences: {
      preload: join(preloadDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

/** Rules for every web contents the app ever creates, set before any exists. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      else console.warn(`refused to open ${JSON.stringify(url.slice(0, 200))}: not a link Seqwire opens`);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
  });
}
