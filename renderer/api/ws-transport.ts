import { type createEventHub, type Transport } from '../../core/api/contract';
import { ApiError } from '../../core/api/errors';
import { WIRE_PATH, TOKEN_PARAM, zWireServerMessage } from '../../core/api/wire';

type Pending = { resolve(reply: unknown): void; reject(err: Error): void };

/**
 * The WebSocket half of browser mode: one socket to the server that served
 * the page, opened on first use and again after a drop. Every request
 * carries the token; replies are matched by id; events go to the hub.
 */
export function createWsTransport(origin: string, token: string, hub: ReturnType<typeof createEventHub>): Transport {
  const url = `${origin.replace(/^http/, 'ws')}${WIRE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    if (socket) return socket;
    socket = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onmessage = (e) => {
        let data: unknown;
        try {
          data = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const message = zWireServerMessage.safeParse(data);
        if (!message.success) return;
        if (message.data.type === 'event') hub.deliver(message.data.name, message.data.payload);
        else {
          const waiting = pending.get(message.data.id);
          pending.delete(message.data.id);
          waiting?.resolve(message.data.reply);
        }
      };
      ws.onclose = () => {
        socket = null;
        const lost = new ApiError('not-available', 'the connection to Seqwire was lost; is `npm run web` still running?');
        for (const waiting of pending.values()) waiting.reject(lost);
        pending.clear();
        reject(lost);
      };
    });
    return socket;
  }

  return async (name, payload) => {
    const ws = await connect();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ type: 'request', id, token, name, payload }));
    });
  };
}
