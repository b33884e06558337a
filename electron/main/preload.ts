// The only code that sees both the window and Electron. It exposes the
// contract's named requests and event subscription, checked here too, and
// nothing else: no ipcRenderer, no Node. Bundled into one file
// (dist/electron/preload.cjs) because a sandboxed preload can require only
// `electron`.
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { isEventName, parseEvent, parsePayload } from '../../core/api/contract';
import { ApiError } from '../../core/api/errors';
import { REQUEST_NAMES } from '../../core/api/requests';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../core/api/wire';

z.config({ jitless: true });

const bridge: Record<string, unknown> = {};
for (const name of REQUEST_NAMES) {
  bridge[name] = async (payload: unknown) => {
    let checked: unknown;
    try {
      checked = parsePayload(name, payload);
    } catch (err) {
      return { ok: false, error: err instanceof ApiError ? err.toData() : { code: 'invalid-payload', message: String(err) } };
    }
    return ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, checked);
  };
}

bridge.on = (name: unknown, listener: unknown) => {
  if (!isEventName(name) || typeof listener !== 'function') throw new Error(`seqwire.on: unknown event ${String(name)}`);
  const relay = (_event: unknown, eventName: unknown, payload: unknown) => {
    if (eventName !== name) return;
    const checked = parseEvent(name, payload);
    if (checked !== null) listener(checked);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
  return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
