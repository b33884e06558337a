import { z } from 'zod';
import { zReply } from './contract';
import type { RequestName } from './requests';

/**
 * Messages of the WebSocket bridge (browser mode). Every request carries the
 * per-launch token; the server answers each by id and pushes events.
 */
export const zWireRequest = z.object({
  type: z.literal('request'),
  id: z.number().int().min(0),
  token: z.string(),
  name: z.string(),
  payload: z.unknown(),
});
export type WireRequest = z.infer<typeof zWireRequest>;

export const zWireServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: zReply }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type WireServerMessage = z.infer<typeof zWireServerMessage>;

/** Path of the WebSocket endpoint on the browser-mode server. */
export const WIRE_PATH = '/api';
/** Query parameter that carries the token, in the page URL and the socket URL. */
export const TOKEN_PARAM = 'token';

/** Electron IPC channels of the same contract. */
export const IPC_REQUEST_CHANNEL = 'seqwire:request';
export const IPC_EVENT_CHANNEL = 'seqwire:event';

/**
 * What the Electron preload puts on `window.seqwire`: one function per
 * request (resolving to the raw reply, so error codes survive the context
 * bridge) and event subscription. Derived from the table, never written out.
 */
export type ElectronBridge = { [K in RequestName]: (payload: unknown) => Promise<unknown> } & {
  on(name: string, listener: (payload: unknown) => void): () => void;
};

/** The global name of the bridge in the window. */
export const BRIDGE_GLOBAL = 'seqwire';
