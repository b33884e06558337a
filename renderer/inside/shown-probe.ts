import { create } from 'zustand';
import type { ProbeRunResult } from '../../core/api/probe';

/**
 * What the canvas draws from the Inside view: the probe shown there (asked
 * for, or live while training), and the recurrent nodes the user unrolled on
 * the canvas. View state only: unrolling never touches the graph.
 */
interface ShownProbeStore {
  probe: ProbeRunResult | null;
  unrolled: ReadonlySet<string>;
}

export const useShownProbe = create<ShownProbeStore>()(() => ({ probe: null, unrolled: new Set<string>() }));

/** Unrolls a node on the canvas, or rolls it back up. */
export function toggleUnrolled(nodeId: string): void {
  useShownProbe.setState((s) => {
    const next = new Set(s.unrolled);
    if (!next.delete(nodeId)) next.add(nodeId);
    return { unrolled: next };
  });
}
