import { z } from 'zod';
import { ApiError, describeIssues, zApiErrorData, type ApiErrorData } from './errors';
import { unsafeJson } from '../json-depth';
import { graphTooLarge } from '../graph/limits';
import { excerpt, safeMessage } from '../quote';
import { events, type EventName, type EventPayload } from './events';
import { requests, type RequestName, type Requests } from './requests';

/** What a caller passes for request `K` (defaults may be left out). */
export type Payload<K extends RequestName> = z.input<Requests[K]['payload']>;
/** What a handler receives for request `K`: checked, defaults filled in. */
export type ParsedPayload<K extends RequestName> = z.output<Requests[K]['payload']>;
/** What request `K` resolves to. */
export type Result<K extends RequestName> = z.output<Requests[K]['result']>;

/** The contract as functions: what the renderer calls. Derived, never written out. */
export type Api = { [K in RequestName]: (payload: Payload<K>) => Promise<Result<K>> };

/** What a host implements: one handler per request. */
export type Handlers = { [K in RequestName]: (payload: ParsedPayload<K>) => Promise<z.input<Requests[K]['result']>> };

/** A reply as it crosses a bridge: errors travel as data so their code survives IPC and JSON. */
export const zReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: zApiErrorData }),
]);
export type Reply = { ok: true; result: unknown } | { ok: false; error: ApiErrorData };

/** Sends one checked request across a bridge and resolves to the raw reply. */
export type Transport = (name: RequestName, payload: unknown) => Promise<unknown>;

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Checks a payload before it leaves; a failure never reaches the other side. */
export function parsePayload<K extends RequestName>(name: K, payload: unknown): ParsedPayload<K> {
  const parsed = requests[name].payload.safeParse(payload);
  if (!parsed.success) throw new ApiError('invalid-payload', `${name}: ${describeIssues(parsed.error)}`);
  return parsed.data as ParsedPayload<K>;
}

/** Checks a raw reply on arrival and unwraps it: the result, or the ApiError it carries. */
export function unwrapReply<K extends RequestName>(name: K, raw: unknown): Result<K> {
  const reply = zReply.safeParse(raw);
  if (!reply.success) throw new ApiError('invalid-result', `${name}: the host sent a malformed reply`);
  if (!reply.data.ok) throw new ApiError(reply.data.error.code, reply.data.error.message);
  const result = requests[name].result.safeParse(reply.data.result);
  if (!result.success) throw new ApiError('invalid-result', `${name}: the host's answer does not match the contract: ${describeIssues(result.error)}`);
  return result.data as Result<K>;
}

/** The renderer's side of any bridge: every payload checked going out, every result coming in. */
export function createClient(transport: Transport): Api {
  const api: Partial<Record<RequestName, (payload: unknown) => Promise<unknown>>> = {};
  for (const name of Object.keys(requests) as RequestName[]) {
    api[name] = async (payload: unknown) => unwrapReply(name, await transport(name, parsePayload(name, payload)));
  }
  return api as Api;
}

/**
 * The host's side of any bridge: finds the handler, checks the payload,
 * runs it, checks the result. Never throws; every failure is a reply.
 */
export async function dispatch(handlers: Handlers, name: unknown, payload: unknown): Promise<Reply> {
  if (!isRequestName(name)) return { ok: false, error: { code: 'unknown-request', message: `unknown request ${excerpt(name)}` } };
  // Bounds before the schema walks the payload: a 100k-deep value would overflow the stack, a huge graph hold the host.
  const unsafe = unsafeJson(payload);
  if (unsafe !== null) return { ok: false, error: { code: 'invalid-payload', message: `${name}: the payload ${unsafe}` } };
  const big = graphTooLarge((payload as { graph?: unknown } | null)?.graph);
  if (big !== null) return { ok: false, error: { code: 'invalid-payload', message: `${name}: ${big}` } };
  try {
    const parsed = parsePayload(name, payload);
    const handler = handlers[name] as (p: unknown) => Promise<unknown>;
    const value = await handler(parsed);
    const result = requests[name].result.safeParse(value);
    if (!result.success) {
      return { ok: false, error: { code: 'invalid-result', message: `${name}: the host's answer does not match the contract: ${describeIssues(result.error)}` } };
    }
    return { ok: true, result: result.data };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { ...err.toData(), message: safeMessage(err.message) } };
    return { ok: false, error: { code: 'internal', message: safeMessage(`${name} failed: ${err instanceof Error ? err.message : String(err)}`) } };
  }
}

/** Checks an event payload (both before sending and on arrival); null when it does not fit. */
export function parseEvent<K extends EventName>(name: K, payload: unknown): EventPayload<K> | null {
  const parsed = events[name].safeParse(payload);
  return parsed.success ? (parsed.data as EventPayload<K>) : null;
}

export type EventListener<K extends EventName> = (payload: EventPayload<K>) => void;

/** Subscription to host events; resolves to the function that unsubscribes. */
export interface EventSubscriber {
  on<K extends EventName>(name: K, listener: EventListener<K>): () => void;
}

/** The full client the window uses: requests plus event subscription. */
export type HostApi = Api & EventSubscriber;

/** Sends an event to whoever listens, checked first; a bad payload is a host bug and throws. */
export type EmitEvent = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** A small listener table shared by the bridges (and tests). */
export function createEventHub(): EventSubscriber & { deliver(name: string, payload: unknown): boolean } {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => void set.delete(entry);
    },
    deliver(name, payload) {
      if (!isEventName(name)) return false;
      const checked = parseEvent(name, payload);
      if (checked === null) return false;
      for (const listener of listeners.get(name) ?? []) listener(checked);
      return true;
    },
  };
}
