import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The main process against a stand-in for Electron (whose binary is not
 * installed everywhere): what it asks of Electron when it starts, and how it
 * answers IPC from its window and from anything else.
 */
const fake = vi.hoisted(() => {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const on = (target: Map<string, ((...args: unknown[]) => void)[]>) => (name: string, fn: (...args: unknown[]) => void) => {
    target.set(name, [...(target.get(name) ?? []), fn]);
  };
  const state = {
    appListeners: listeners,
    windows: [] as { options: Record<string, unknown>; url: string; webContents: Record<string, unknown>; listeners: Map<string, ((...args: unknown[]) => void)[]> }[],
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    schemes: [] as unknown[],
    menus: 0,
    ready: null as Promise<void> | null,
    userData: '',
    on,
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    webContents: Record<string, unknown>;
    url = '';
    constructor(readonly options: Record<string, unknown>) {
      const mainFrame = { url: 'seqwire://app/index.html' };
      this.webContents = { mainFrame, send: vi.fn(), on: vi.fn(), isLoading: () => false, setWindowOpenHandler: vi.fn(), executeJavaScript: vi.fn() };
      fake.windows.push(this as never);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    once = fake.on(this.listeners);
    on = fake.on(this.listeners);
    setTitle = vi.fn();
    isMinimized = () => false;
    focus = vi.fn();
  }
  let resolveReady: () => void = () => undefined;
  fake.ready = new Promise((r) => (resolveReady = r));
  const app = {
    isPackaged: false,
    on: fake.on(fake.appListeners),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getAppPath: () => process.cwd(),
    getPath: () => fake.userData,
    getVersion: () => '0.0.0-test',
    quit: vi.fn(),
  };
  return {
    app,
    BrowserWindow,
    dialog: { showMessageBoxSync: vi.fn(), showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => (fake.handlers.set(channel, fn), resolveReady()) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => void fake.menus++ },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => fake.schemes.push(...s), handle: vi.fn() },
    shell: { openExternal: vi.fn() },
  };
});

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'seqwire-main-'));
  fake.userData = tmp;
  await import('./main');
  await fake.ready;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the Electron main process', () => {
  it('opens one window with isolation, sandbox and no Node, on the app scheme', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(fake.windows[0].url).toBe('seqwire://app/index.html');
    expect(fake.schemes).toEqual([expect.objectContaining({ scheme: 'seqwire', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('answers requests from its own window', async () => {
    const handle = fake.handlers.get('seqwire:request');
    const win = fake.windows[0];
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await expect(handle?.(event, 'hostInfo', {})).resolves.toMatchObject({ ok: true, result: { kind: 'electron', nativeDialogs: true } });
  });

  it('refuses requests from any other frame or contents', async () => {
    const handle = fake.handlers.get('seqwire:request');
    const win = fake.windows[0];
    const child = { url: 'seqwire://app/index.html' };
    const foreign = { url: 'https://example.com/' };
    for (const event of [
      { sender: win.webContents, senderFrame: child },
      { sender: {}, senderFrame: win.webContents.mainFrame },
      { sender: win.webContents, senderFrame: null },
    ]) {
      await expect(handle?.(event, 'hostInfo', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    (win.webContents.mainFrame as { url: string }).url = foreign.url;
    await expect(handle?.({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'hostInfo', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    (win.webContents.mainFrame as { url: string }).url = 'seqwire://app/index.html';
  });

  it('denies new windows, webviews and navigation away from the app in every web contents, opening only allowed links outside', async () => {
    const created = fake.appListeners.get('web-contents-created')?.[0];
    const on = new Map<string, (...args: unknown[]) => void>();
    const opener: { handler?: (d: { url: string }) => { action: string } } = {};
    created?.({}, { on: (n: string, f: (...args: unknown[]) => void) => on.set(n, f), setWindowOpenHandler: (h: typeof opener.handler) => (opener.handler = h) });
    const electron = await import('electron');
    const openExternal = electron.shell.openExternal as unknown as ReturnType<typeof vi.fn>;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(opener.handler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(opener.handler?.({ url: 'https://keras.io/api/' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://keras.io/api/']);
    warn.mockRestore();
    const prevented = (name: string, url?: string) => {
      const event = { preventDefault: vi.fn() };
      on.get(name)?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-attach-webview')).toBe(true);
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'seqwire://app/index.html')).toBe(false);
  });

  it('denies every permission request and check', async () => {
    const { session } = await import('electron');
    const request = (session.defaultSession.setPermissionRequestHandler as unknown as ReturnType<typeof vi.fn>).mock.calls[0][0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = (session.defaultSession.setPermissionCheckHandler as unknown as ReturnType<typeof vi.fn>).mock.calls[0][0] as (...args: unknown[]) => boolean;
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) request({}, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(check({}, 'clipboard-read', 'seqwire://app', {})).toBe(false);
    expect(check({}, 'hid', 'seqwire://app', {})).toBe(false);
  });

  it('sets an application menu and single-instance handling', async () => {
    await vi.waitFor(() => expect(fake.menus).toBeGreaterThan(0));
    expect(fake.appListeners.has('second-instance')).toBe(true);
    expect(fake.appListeners.has('open-file')).toBe(true);
  });
});

describe('opening a project given by the OS', () => {
  it('waits until the window listens, then tells it', async () => {
    const win = fake.windows[0];
    const send = win.webContents.send as ReturnType<typeof vi.fn>;
    const path = join(tmp, 'given.seqwire.json');
    const openFile = fake.appListeners.get('open-file')?.[0];
    openFile?.({ preventDefault: vi.fn() }, path);
    expect(send.mock.calls.filter((c) => c[1] === 'openFile')).toEqual([]);
    const handle = fake.handlers.get('seqwire:request');
    await handle?.({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'setDocumentState', { path: null, name: 'Untitled', dirty: false });
    expect(send.mock.calls.filter((c) => c[1] === 'openFile')).toEqual([['seqwire:event', 'openFile', { path }]]);
    expect((win as unknown as { setTitle: ReturnType<typeof vi.fn> }).setTitle).toHaveBeenLastCalledWith('Untitled — Seqwire');
  });
});
