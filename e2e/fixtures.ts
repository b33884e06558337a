import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserMode, type BrowserModeServer } from './browser-mode';

export { expect };

/** The server started by global setup, shared by tests that only read. */
export interface SharedServer {
  url: string;
  origin: string;
  token: string;
  projectDir: string;
}

interface Fixtures {
  /** The shared browser-mode server (global setup). */
  shared: SharedServer;
  /** A browser-mode server of this test alone, with an empty temporary project folder. */
  server: BrowserModeServer;
  /** A page opened on `server`: the window as a user sees it after `npm run web`. */
  app: Page;
}

/**
 * Tests import `test` from here. UI journeys use `app` (a fresh server and
 * project folder each, so tests never see each other's files) and drive it
 * by roles and labels; `server.projectDir` is where saved files land.
 */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  shared: async ({}, use) => {
    const url = process.env.SEQWIRE_E2E_URL;
    if (!url) throw new Error('no shared server: run through e2e/playwright.config.ts');
    await use({ url, origin: new URL(url).origin, token: process.env.SEQWIRE_E2E_TOKEN ?? '', projectDir: process.env.SEQWIRE_E2E_PROJECT ?? '' });
  },
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await startBrowserMode();
    await use(server);
    await server.stop();
  },
  // Every journey also checks the content security policy: the window runs with styles only
  // from the app (no 'unsafe-inline'), so a library that wrote a style attribute or a <style>
  // element as markup would show up here as a violation.
  app: async ({ page, server }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('__seqwireCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        void (window as unknown as { __seqwireCspViolation(t: string): void }).__seqwireCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      });
    });
    await page.goto(server.url);
    await use(page);
    expect(violations, 'content security policy violations').toEqual([]);
  },
});
