import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface Attempt {
  opened: boolean;
  reply?: { type: string; id: number; reply: { ok: boolean; result?: unknown; error?: { code: string; message: string } } };
}

/** Opens a WebSocket from inside the page, sends one message if it opens, and reports what happened. */
function tryWebSocket(page: Page, url: string, message?: unknown): Promise<Attempt> {
  return page.evaluate(
    ({ url, message }) =>
      new Promise<Attempt>((resolve) => {
        const ws = new WebSocket(url);
        let opened = false;
        ws.onopen = () => {
          opened = true;
          if (message === undefined) {
            ws.close();
            resolve({ opened });
          } else ws.send(JSON.stringify(message));
        };
        ws.onmessage = (e) => {
          resolve({ opened, reply: JSON.parse(String(e.data)) });
          ws.close();
        };
        ws.onclose = () => resolve({ opened });
      }),
    { url, message },
  );
}

const wsUrl = (origin: string, token?: string) => `${origin.replace('http', 'ws')}/api${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
const graph = { format: 'seqwire.graph', version: 1, name: 'kept', nodes: [], edges: [] };

test.describe('browser mode refuses what it should', () => {
  test('a socket without the token, or with a wrong one, is refused', async ({ page, server }) => {
    await page.goto(server.url);
    expect(await tryWebSocket(page, wsUrl(server.origin))).toEqual({ opened: false });
    expect(await tryWebSocket(page, wsUrl(server.origin, 'not-the-token'))).toEqual({ opened: false });
    expect(await tryWebSocket(page, wsUrl(server.origin, server.token))).toEqual({ opened: true });
  });

  test('a request that does not carry the token is refused and does nothing', async ({ page, server }) => {
    await page.goto(server.url);
    const path = join(server.projectDir, 'written.seqwire.json');
    const attempt = await tryWebSocket(page, wsUrl(server.origin, server.token), { type: 'request', id: 1, token: '', name: 'saveAs', payload: { graph, path } });
    expect(attempt.reply?.reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(readFile(path, 'utf8')).rejects.toThrow();
  });

  test('a payload that fails its schema is refused with an error and changes nothing', async ({ page, server }) => {
    await page.goto(server.url);
    const path = join(server.projectDir, 'kept.seqwire.json');
    const before = JSON.stringify(graph, null, 2) + '\n';
    await writeFile(path, before);
    const bad = { ...graph, format: 'something else', nodes: 'all of them' };
    const attempt = await tryWebSocket(page, wsUrl(server.origin, server.token), { type: 'request', id: 2, token: server.token, name: 'saveAs', payload: { graph: bad, path } });
    expect(attempt.reply).toMatchObject({ id: 2, reply: { ok: false, error: { code: 'invalid-payload' } } });
    expect(attempt.reply?.reply.error?.message).toContain('graph');
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  test('a path outside the project folder is refused even with the token', async ({ page, server }) => {
    await page.goto(server.url);
    const outside = join(server.projectDir, '..', 'outside.seqwire.json');
    const attempt = await tryWebSocket(page, wsUrl(server.origin, server.token), { type: 'request', id: 3, token: server.token, name: 'saveAs', payload: { graph, path: outside } });
    expect(attempt.reply?.reply).toMatchObject({ ok: false, error: { code: 'refused-path' } });
    await expect(readFile(outside, 'utf8')).rejects.toThrow();
  });

  test('a page of another origin cannot open the socket, even knowing the token', async ({ page, server }) => {
    await page.goto('data:text/html,<title>elsewhere</title>');
    expect(await tryWebSocket(page, wsUrl(server.origin, server.token))).toEqual({ opened: false });
  });
});

test.describe('the window is a web page and nothing more', () => {
  test('the page has no access to Node', async ({ app }) => {
    const globals = await app.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
  });

  test('the page is served with a strict content security policy that blocks inline script', async ({ page, server }) => {
    const response = await page.goto(server.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    // Styles too come only from the app's files: React, React Flow and uPlot set styles through
    // the CSSOM, which a policy does not govern; every UI journey checks for violations (fixtures.ts).
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
  });

  test('the window loads without content security policy violations', async ({ page, server }) => {
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(server.url);
    await expect(page.locator('#root')).not.toBeEmpty();
    expect(violations).toEqual([]);
  });
});
