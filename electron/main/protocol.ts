import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_TYPES, securityHeaders } from '../host/csp';

/** The window's own origin: `seqwire://app/`. Nothing else is ever loaded in it. */
export const APP_SCHEME = 'seqwire';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for a URL of the app itself. Compared by scheme and host, not by
 * `URL.origin`: for a custom scheme Node's URL gives the origin "null".
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Must run before the app is ready: a standard, secure scheme behaves like https for the page. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer from disk under `seqwire://app/`, with the
 * content security policy as a header (a page cannot loosen a header), and
 * nothing outside that folder.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const notFound = () => new Response('not found', { status: 404, headers: securityHeaders() });
    if (url.host !== 'app' || request.method !== 'GET') return notFound();
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    } catch {
      return notFound();
    }
    try {
      const root = await realpath(rendererDir);
      const file = await realpath(join(root, rel));
      if (!file.startsWith(root + sep)) return notFound();
      const body = await readFile(file);
      return new Response(body, { headers: { ...securityHeaders(), 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' } });
    } catch {
      return notFound();
    }
  });
}
