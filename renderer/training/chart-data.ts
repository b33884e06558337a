import type { EpochEvent } from '../../core/train/events';
import type { PastEpoch } from './run-store';

export interface ChartSeries {
  label: string;
  color: string;
  /** Dashed lines are past runs, drawn under the live one. */
  dash?: boolean;
  points: boolean;
}

/** uPlot wants one x axis for all series: the union of every series' x, nulls where a series has none. */
export function alignSeries(series: { x: number[]; y: (number | null)[] }[]): [number[], ...(number | null)[][]] {
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const out: (number | null)[] = new Array(xs.length).fill(null);
    s.x.forEach((x, i) => { out[index.get(x)!] = s.y[i]; });
    return out;
  });
  return [xs, ...ys];
}

const OVERLAY_COLORS = ['#f472b6', '#facc15', '#22d3ee', '#a3e635', '#fb7185'];

/** The loss chart's series: live batch loss, epoch train and validation loss, and each overlaid run. */
export function lossSeries(batchLoss: { x: number[]; y: number[] }, epochs: EpochEvent[], overlays: Record<string, PastEpoch[]>) {
  const series: ChartSeries[] = [
    { label: 'batch loss', color: 'rgba(124,156,255,0.55)', points: false },
    { label: 'loss', color: '#7c9cff', points: true },
    { label: 'val loss', color: '#fb923c', points: true },
  ];
  const data = [
    batchLoss,
    { x: epochs.map((e) => e.epoch), y: epochs.map((e) => e.loss) },
    { x: epochs.filter((e) => e.valLoss !== null).map((e) => e.epoch), y: epochs.filter((e) => e.valLoss !== null).map((e) => e.valLoss) },
  ];
  Object.entries(overlays).forEach(([runId, lines], i) => {
    const color = OVERLAY_COLORS[i % OVERLAY_COLORS.length];
    series.push({ label: `${runId} loss`, color, dash: true, points: true });
    data.push({ x: lines.map((l) => l.epoch), y: lines.map((l) => l.loss) });
    if (lines.some((l) => l.valLoss !== null)) {
      series.push({ label: `${runId} val`, color, dash: true, points: false });
      data.push({ x: lines.map((l) => l.epoch), y: lines.map((l) => l.valLoss) });
    }
  });
  return { series, data: alignSeries(data) };
}

/** Accuracy of each softmax Output per epoch. */
export function accuracySeries(epochs: EpochEvent[]) {
  const outputs = [...new Set(epochs.flatMap((e) => Object.keys(e.accuracy)))];
  const colors = ['#34d399', '#fbbf24', '#a78bfa', '#22d3ee'];
  return {
    series: outputs.map((o, i) => ({ label: `${o} accuracy`, color: colors[i % colors.length], points: true }) as ChartSeries),
    data: alignSeries(outputs.map((o) => ({ x: epochs.filter((e) => o in e.accuracy).map((e) => e.epoch), y: epochs.filter((e) => o in e.accuracy).map((e) => e.accuracy[o]) }))),
  };
}

/**
 * The gradient reaching each timestep of each recurrent layer, at the latest
 * epoch, by steps back from the last (0 = the last step): a vanishing
 * gradient is a line falling as it goes back in time.
 */
export function gradientFlowSeries(epochs: EpochEvent[]) {
  const flows = epochs.at(-1)?.gradientFlow ?? [];
  const colors = ['#a78bfa', '#2dd4bf', '#fb923c', '#60a5fa', '#f472b6'];
  return {
    series: flows.map((f, i) => ({ label: f.layer === f.nodeId ? f.nodeId : `${f.nodeId} (${f.layer})`, color: colors[i % colors.length], points: false }) as ChartSeries),
    data: alignSeries(flows.map((f) => {
      const back = [...f.norms].reverse();
      // A log scale cannot show zero: a gradient that vanished entirely is drawn at the floor instead.
      return { x: back.map((_, i) => i), y: back.map((v) => (v > 0 ? v : 1e-12)) };
    })),
  };
}
