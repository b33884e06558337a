import { z } from 'zod';

/** The backends Seqwire trains on, fastest first. Kept apart from `select.ts` so naming one does not load tfjs. */
export const BACKENDS = ['node', 'wasm', 'cpu'] as const;
export const zBackendName = z.enum(BACKENDS);
export type BackendName = z.infer<typeof zBackendName>;
