import type { GlimpseProbeView, ProbeRunResult } from '../../core/api/probe';

/** The view box that holds the image and every glimpse's box (a glimpse may reach past the image's edge). */
export function glimpseFrame(glimpse: Pick<GlimpseProbeView, 'image' | 'boxes'>): { x: number; y: number; width: number; height: number } {
  const [h, w] = glimpse.image.shape;
  let left = 0;
  let top = 0;
  let right = w;
  let bottom = h;
  for (const b of glimpse.boxes) {
    // A box as far as its filters reach (one σ past the outer centres), so the soft edge shows too.
    left = Math.min(left, b.left - b.blur);
    top = Math.min(top, b.top - b.blur);
    right = Math.max(right, b.left + b.width + b.blur);
    bottom = Math.max(bottom, b.top + b.height + b.blur);
  }
  // Never more than the image again on each side: a glimpse that wide tells its story at the edge.
  left = Math.max(left, -w);
  top = Math.max(top, -h);
  right = Math.min(right, 2 * w);
  bottom = Math.min(bottom, 2 * h);
  const pad = Math.max(w, h) * 0.03;
  return { x: left - pad, y: top - pad, width: right - left + 2 * pad, height: bottom - top + 2 * pad };
}

/** Index of the largest value (the first when tied). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The true class of a sample at an Output: its class id, or the hot index of a one-hot target; null when it holds no class. */
export function trueClass(probe: Pick<ProbeRunResult, 'targets'>, outputId: string, classes: number): number | null {
  const target = probe.targets.find((t) => t.nodeId === outputId);
  if (!target) return null;
  if (target.shape.length === 0) return Number.isInteger(target.values[0]) && target.values[0] >= 0 && target.values[0] < classes ? target.values[0] : null;
  if (target.shape.length === 1 && target.shape[0] === classes) return argmax(target.values);
  return null;
}
