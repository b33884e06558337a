import { PROBE_LIMITS } from '../api/probe';
import type { SampleProbe } from './sample';

/**
 * Cuts a probe to what one answer may carry: at most `PROBE_LIMITS.steps`
 * steps of anything per step, and fewer where a matrix would pass
 * `PROBE_LIMITS.values` numbers. Every cut is said in the notes.
 */
export function limitProbe(result: SampleProbe, limits: { steps: number; values: number } = PROBE_LIMITS): SampleProbe {
  const notes = [...result.notes];
  const keep = (what: string, steps: number, width: number) => {
    const n = Math.max(1, Math.min(steps, limits.steps, Math.floor(limits.values / Math.max(1, width))));
    if (n < steps) notes.push(`${what}: the first ${n} of ${steps} steps are shown`);
    return n;
  };
  const wires = result.wires.map((w) => {
    if (w.shape.length < 2) return w;
    const width = w.shape.slice(1).reduce((a, b) => a * b, 1);
    const n = keep(`wire ${w.wire}`, w.shape[0], width);
    return n === w.shape[0] ? w : { ...w, shape: [n, ...w.shape.slice(1)], values: w.values.slice(0, n * width) };
  });
  const cells = result.cells.map((c) => {
    const n = keep(`${c.layer}${c.direction === 'backward' ? ' (backward)' : ''}`, c.steps, c.units);
    if (n === c.steps) return c;
    const cut = (m: number[][]) => m.slice(0, n);
    return { ...c, steps: n, h: cut(c.h), ...(c.c ? { c: cut(c.c) } : {}), gates: Object.fromEntries(Object.entries(c.gates).map(([g, m]) => [g, cut(m)])) };
  });
  const attention = result.attention.map((a) => {
    const n = keep(`attention ${a.nodeId}`, a.weights.length, a.weights[0]?.length ?? 1);
    return n === a.weights.length ? a : { ...a, weights: a.weights.slice(0, n) };
  });
  const glimpses = result.glimpses.map((g) => ({
    ...g,
    heads: g.heads.map((h) => {
      const n = keep(`${g.nodeId} read by ${h.nodeId}`, h.perStep.length, h.perStep[0]?.length ?? 1);
      return n === h.perStep.length ? h : { ...h, perStep: h.perStep.slice(0, n) };
    }),
  }));
  return { ...result, wires, cells, attention, glimpses, notes };
}
