import { timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, parseEvent, type EmitEvent, type Handlers } from '../../core/api/contract';
import type { EventName } from '../../core/api/events';
import { TOKEN_PARAM, WIRE_PATH, zWireRequest, type WireServerMessage } from '../../core/api/wire';
import { CONTENT_TYPES, securityHeaders } from '../host/csp';

export interface WebServerOptions {
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** The per-launch secret every request must carry. */
  token: string;
  /** Called once the server knows how to send events, so the host can be built with them. */
  handlers: (emit: EmitEvent) => Handlers;
  /** At most this many windows at once (default 4). */
  maxConnections?: number;
  /** Largest message accepted, in bytes (default 32 MiB: a big graph or a predict input). */
  maxPayload?: number;
}

export interface WebServer {
  url: string;
  port: number;
  emit: EmitEvent;
  close(): Promise<void>;
}

/** Constant-time comparison, so the token cannot be guessed one character at a time. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Browser mode: the built window over HTTP and the contract over a WebSocket,
 * both on 127.0.0.1 only. The socket opens only with the token in its URL
 * and from this server's own origin; every request must carry the token
 * again. Host headers are checked so a DNS-rebinding page cannot talk to it.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const staticRoot = await realpath(options.staticDir).catch(() => resolve(options.staticDir));
  const maxConnections = options.maxConnections ?? 4;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const headers = () => securityHeaders([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  const sockets = new Set<WebSocket>();
  const send = (ws: WebSocket, message: WireServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const emit: EmitEvent = (name: EventName, payload: unknown) => {
    const checked = parseEvent(name, payload);
    if (checked === null) throw new Error(`event ${name}: payload does not match the contract`);
    for (const ws of sockets) send(ws, { type: 'event', name, payload: checked });
  };
  const handlers = options.handlers(emit);

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return void refuse(res, 421, 'wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void refuse(res, 405, 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return void refuse(res, 400, 'bad path');
    }
    if (pathname.includes('\0')) return void refuse(res, 400, 'bad path');
    const rel = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
    const file = join(staticRoot, rel);
    if (!(file + sep).startsWith(staticRoot + sep) || file === staticRoot) return void refuse(res, 404, 'not found');
    try {
      const real = await realpath(file);
      if (!real.startsWith(staticRoot + sep) || !(await stat(real)).isFile()) return void refuse(res, 404, 'not found');
      const body = await readFile(real);
      res.writeHead(200, {
        ...headers(),
        'Content-Type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      refuse(res, 404, rel === 'index.html' ? 'the window is not built: run `npm run build`' : 'not found');
    }
  }

  function refuse(res: ServerResponse, status: number, text: string) {
    res.writeHead(status, { ...headers(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text + '\n');
  }

  const server = createServer((req, res) => void serveStatic(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 32 * 1024 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const reject = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== WIRE_PATH) return reject(404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(421, 'Misdirected Request');
    const origin = req.headers.origin;
    // Browsers always send Origin; tools (tests, scripts) may not. A foreign page never gets in.
    if (origin !== undefined && !allowedOrigins().has(origin)) return reject(403, 'Forbidden');
    if (!tokenMatches(options.token, url.searchParams.get(TOKEN_PARAM))) return reject(401, 'Unauthorized');
    if (sockets.size >= maxConnections) return reject(503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // A protocol error (an oversized message, bad framing) closes the socket by itself;
      // without a listener ws would throw it out of the process.
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => void onMessage(ws, data.toString(), isBinary));
    });
  });

  async function onMessage(ws: WebSocket, text: string, isBinary: boolean): Promise<void> {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const message = zWireRequest.safeParse(raw);
    if (!message.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      return send(ws, { type: 'reply', id: Number.isInteger(id) ? id : -1, reply: { ok: false, error: { code: 'invalid-payload', message: 'not a request message of the Seqwire contract' } } });
    }
    const { id, token, name, payload } = message.data;
    if (!tokenMatches(options.token, token)) {
      return send(ws, { type: 'reply', id, reply: { ok: false, error: { code: 'unauthorized', message: 'the request did not carry the token of this launch' } } });
    }
    send(ws, { type: 'reply', id, reply: await dispatch(handlers, name, payload) });
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => done());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${encodeURIComponent(options.token)}`,
    emit,
    close: () =>
      new Promise<void>((done) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
