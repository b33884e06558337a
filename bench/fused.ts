import type { fusedRecurrentUse } from '../electron/backend';

/** "fused: lstm_1, lstm_2; tfjs: gru_1 (dropout); step: one kernel call", for a figure's note. */
export function describeFusedUse(use: ReturnType<typeof fusedRecurrentUse>): string {
  const fused = use.fused.length ? use.fused.join(', ') : 'none';
  const fallback = use.fallback.map((f) => `${f.layer} (${f.reason})`).join(', ');
  return `fused: ${fused}${fallback ? `; tfjs: ${fallback}` : ''}${use.wholeStep ? `; step: ${use.wholeStep}` : ''}`;
}
