import { z } from 'zod';
import { createClient, createEventHub, parseEvent, type HostApi } from '../../core/api/contract';
import { REQUEST_NAMES } from '../../core/api/requests';
import { BRIDGE_GLOBAL, TOKEN_PARAM, type ElectronBridge } from '../../core/api/wire';
import { createWsTransport } from './ws-transport';

export type { Api, HostApi, Payload, Result } from '../../core/api/contract';
export { ApiError, isApiError } from '../../core/api/errors';
export type { EventName, EventPayload, MenuCommand } from '../../core/api/events';

// The window's CSP forbids eval; zod would otherwise probe for it and log a violation.
z.config({ jitless: true });

/**
 * The window's way to its host, the same in Electron and in a browser: the
 * preload's bridge when there is one, else the browser-mode WebSocket with
 * the token from the page URL. `null` when the page was opened without
 * either (a plain static server, the Vite dev server): the window then works
 * with what the browser alone offers.
 */
export function connectHost(win: Window = window): HostApi | null {
  const bridge = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as ElectronBridge | undefined;
  if (bridge && typeof bridge.on === 'function') {
    const api = createClient((name, payload) => bridge[name](payload));
    // The preload checked each event already; the window checks again, as on every crossing.
    const on: HostApi['on'] = (name, listener) =>
      bridge.on(name, (payload) => {
        const checked = parseEvent(name, payload);
        if (checked !== null) listener(checked);
      });
    return { ...api, on };
  }
  const token = new URL(win.location.href).searchParams.get(TOKEN_PARAM);
  if (!token) return null;
  const hub = createEventHub();
  const api = createClient(createWsTransport(win.location.origin, token, hub));
  return { ...api, on: hub.on };
}

let connected: HostApi | null | undefined;

/** The host of this window, connected once. */
export function hostApi(): HostApi | null {
  if (connected === undefined) connected = connectHost();
  return connected;
}

/** Every request name, for a window that wants to check what its host offers. */
export const REQUESTS = REQUEST_NAMES;
