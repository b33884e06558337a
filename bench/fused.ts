/** Which recurrent layers ran on the fused kernels, and which fell back to tfjs and why. */
export interface FusedUse {
  fused: string[];
  fallback: { layer: string; reason: string }[];
}

/** The switch of the fused recurrent kernels (electron/backend), when this build has them. */
export interface FusedSwitch {
  set(on: boolean): void;
  use(): FusedUse;
}

export const FUSED_ABSENT = 'fused path not present';

/**
 * Looks the switch up by name rather than importing it, so the bench runs
 * (and says the fused path is absent) on a build without it.
 */
export async function fusedSwitch(): Promise<FusedSwitch | undefined> {
  const backend = (await import('../electron/backend/index')) as unknown as Record<string, unknown>;
  if (typeof backend.setFusedRecurrent !== 'function' || typeof backend.fusedRecurrentUse !== 'function') return undefined;
  const set = backend.setFusedRecurrent as (on: boolean) => void;
  const use = backend.fusedRecurrentUse as () => FusedUse;
  return { set: (on) => set(on), use: () => use() };
}

/** "fused: lstm_1, lstm_2; tfjs: gru_1 (dropout)", for a figure's note. */
export function describeFusedUse(use: FusedUse): string {
  const fused = use.fused.length ? use.fused.join(', ') : 'none';
  const fallback = use.fallback.map((f) => `${f.layer} (${f.reason})`).join(', ');
  return `fused: ${fused}${fallback ? `; tfjs: ${fallback}` : ''}`;
}

/**
 * Runs `measure` with the fused path on and then off (restoring on), or once
 * when the path is absent; each result carries what ran fused.
 */
export async function withFusedOnOff<T>(fused: FusedSwitch | undefined, measure: () => Promise<T>): Promise<{ on: boolean | undefined; value: T; use?: FusedUse }[]> {
  if (!fused) return [{ on: undefined, value: await measure() }];
  const out: { on: boolean | undefined; value: T; use?: FusedUse }[] = [];
  try {
    for (const on of [true, false]) {
      fused.set(on);
      const value = await measure();
      out.push({ on, value, use: fused.use() });
    }
  } finally {
    fused.set(true);
  }
  return out;
}
