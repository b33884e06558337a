import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../core/api/events';
import { closeAction, projectFromArgv, windowTitle } from './document';
import { menuTemplate } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(recent: { path: string; name: string }[] = []) {
  const sent: [MenuCommand, string | undefined][] = [];
  const edits: string[] = [];
  const items = flatten(
    menuTemplate({ isMac: false, isPackaged: true, recent, send: (c, p) => void sent.push([c, p]), edit: (a) => void edits.push(a), clearRecent: () => undefined }),
  );
  const byLabel = (label: string) => {
    const found = items.find((i) => i.label === label);
    if (!found) throw new Error(`no menu item ${label}`);
    return found;
  };
  const click = (label: string) => (byLabel(label).click as () => void)();
  return { items, byLabel, click, sent, edits };
}

describe('the application menu', () => {
  it('has File, Edit, View and Help with the usual accelerators', () => {
    const { byLabel } = build();
    expect(['&File', '&Edit', '&View', '&Help'].map((l) => byLabel(l).label)).toHaveLength(4);
    expect(byLabel('New').accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel('Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Save').accelerator).toBe('CmdOrCtrl+S');
    expect(byLabel('Save As…').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byLabel('Undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(byLabel('Select All').accelerator).toBe('CmdOrCtrl+A');
  });

  it('leaves shortcuts the window handles itself to the window, so a key acts once', () => {
    const { byLabel } = build();
    for (const label of ['New', 'Open…', 'Save', 'Save As…', 'Undo', 'Redo', 'Delete', 'Select All']) expect(byLabel(label).registerAccelerator, label).toBe(false);
  });

  it('uses the native clipboard roles for cut, copy and paste', () => {
    const roles = build().items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));
  });

  it('sends File commands to the window and opens a recent file by its path', () => {
    const { click, sent } = build([{ path: '/p/a.seqwire.json', name: 'a.seqwire.json' }]);
    click('Save As…');
    click('a.seqwire.json');
    click('Keras Python…');
    expect(sent).toEqual([['saveAs', undefined], ['openRecent', '/p/a.seqwire.json'], ['exportKeras', undefined]]);
  });

  it('routes undo through the edit check, not straight to the canvas', () => {
    const { click, edits, sent } = build();
    click('Undo');
    expect(edits).toEqual(['undo']);
    expect(sent).toEqual([]);
  });

  it('has no developer tools in a packaged app', () => {
    expect(build().items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});

describe('the window title and the command line', () => {
  it('shows the file name and marks unsaved changes', () => {
    expect(windowTitle({ path: '/x/digits.seqwire.json', name: 'Digits', dirty: true })).toBe('● digits.seqwire.json — Seqwire');
    expect(windowTitle({ path: null, name: '', dirty: false })).toBe('Untitled — Seqwire');
  });

  it('finds the project named on the command line, skipping switches', () => {
    expect(projectFromArgv(['--no-sandbox', 'models/a.seqwire.json'], '/home/u')).toBe('/home/u/models/a.seqwire.json');
    expect(projectFromArgv(['--flag', 'readme.md'], '/')).toBeNull();
  });

  it('asks before closing only when there are unsaved changes', () => {
    let asked = 0;
    const answer = (n: number) => () => (asked++, n);
    expect(closeAction(false, answer(2))).toBe('close');
    expect(asked).toBe(0);
    expect(closeAction(true, answer(0))).toBe('save-then-close');
    expect(closeAction(true, answer(1))).toBe('close');
    expect(closeAction(true, answer(2))).toBe('stay');
  });
});
