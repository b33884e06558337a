import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ROOT } from './browser-mode';

/**
 * The same window inside Electron, through Playwright's `_electron`. They run
 * where the Electron binary is installed; where it is not (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1, as in CI) they skip and say why.
 */
const ELECTRON_DIST = join(ROOT, 'node_modules', 'electron', 'dist');
const MAIN = join(ROOT, 'dist', 'electron', 'main.cjs');
const skipReason = !existsSync(ELECTRON_DIST)
  ? 'the Electron binary is not installed (node_modules/electron/dist is missing)'
  : !existsSync(MAIN)
    ? 'dist/electron/main.cjs is not built: run `npm run build`'
    : null;
if (skipReason) console.log(`e2e/electron.spec.ts skipped: ${skipReason}`);

test.describe('Electron', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  test('opens one locked-down window that reaches its host only through the preload', async () => {
    const app = await electron.launch({ args: [MAIN, '--no-sandbox'], cwd: ROOT, env: { ...process.env, CI: '1' } });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle(/Seqwire/);
      expect(page.url()).toMatch(/^seqwire:\/\/app\//);
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        bridge: Object.keys((globalThis as unknown as { seqwire: object }).seqwire).sort(),
      }));
      expect(globals.require).toBe('undefined');
      expect(globals.process).toBe('undefined');
      expect(globals.bridge).toContain('open');
      expect(globals.bridge).toContain('on');
      expect(globals.bridge).not.toContain('invoke');
      const info = await page.evaluate(() => (globalThis as unknown as { seqwire: { hostInfo(p: object): Promise<unknown> } }).seqwire.hostInfo({}));
      expect(info).toMatchObject({ ok: true, result: { kind: 'electron', nativeDialogs: true } });
    } finally {
      await app.close();
    }
  });

  test('refuses to navigate the window away from the app', async () => {
    const app = await electron.launch({ args: [MAIN, '--no-sandbox'], cwd: ROOT });
    try {
      const page = await app.firstWindow();
      // A navigation that is refused never commits: no framenavigated event within a second.
      const navigated = page.waitForEvent('framenavigated', { timeout: 1000 }).then(() => true, () => false);
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      expect(await navigated).toBe(false);
      expect(page.url()).toMatch(/^seqwire:\/\/app\//);
    } finally {
      await app.close();
    }
  });
});
