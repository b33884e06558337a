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

/** The snapshots of gradient flow a run has: before training (0) when measured, then after each epoch. */
export function flowSnapshots(epochs: EpochEvent[]): { label: string; flows: EpochEvent['gradientFlow'] }[] {
  const out: { label: string; flows: EpochEvent['gradientFlow'] }[] = [];
  const initial = epochs[0]?.initialGradientFlow;
  if (initial?.length) out.push({ label: 'before training', flows: initial });
  for (const e of epochs) if (e.gradientFlow.length) out.push({ label: `after epoch ${e.epoch}`, flows: e.gradientFlow });
  return out;
}

/**
 * The gradient reaching each step of each recurrent layer, in one snapshot
 * (`index` into `flowSnapshots`, the latest when null), by steps back from
 * the last (0 = the last step) and normalised to the last step: a vanishing
 * gradient is a line falling as it goes back in time, whatever its scale.
 * Runs since round 2 measure dLoss/dh_t (and an LSTM's dLoss/dc_t, dashed);
 * older runs the gradient at the layer's input.
 */
export function gradientFlowSeries(epochs: EpochEvent[], index: number | null = null) {
  const snaps = flowSnapshots(epochs);
  const flows = snaps[index ?? snaps.length - 1]?.flows ?? snaps.at(-1)?.flows ?? [];
  const colors = ['#a78bfa', '#2dd4bf', '#fb923c', '#60a5fa', '#f472b6'];
  const series: ChartSeries[] = [];
  const data: { x: number[]; y: number[] }[] = [];
  // A log scale cannot show zero: a gradient that vanished entirely is drawn at the floor instead.
  const line = (norms: number[], lastH: number, from = 0) => {
    const back = [...norms].reverse();
    const last = lastH > 0 ? lastH : 1;
    return { x: back.map((_, i) => i).slice(from), y: back.map((v) => (v > 0 ? Math.max(v / last, 1e-30) : 1e-30)).slice(from) };
  };
  flows.forEach((f, i) => {
    const name = f.layer === f.nodeId ? f.nodeId : `${f.nodeId} (${f.layer})`;
    const color = colors[i % colors.length];
    series.push({ label: f.of === 'state' ? `${name} h` : name, color, points: false });
    const lastH = f.norms.at(-1) ?? 1;
    data.push(line(f.norms, lastH));
    if (f.cellNorms) {
      // Also over the last h, so h and c compare; the last step's c reaches no later step (its gradient is 0), so it is left out.
      series.push({ label: `${name} c`, color, dash: true, points: false });
      data.push(line(f.cellNorms, lastH, 1));
    }
  });
  return { series, data: alignSeries(data), measures: flows[0]?.of === 'state' ? 'hidden state' : 'layer input' };
}

/** Each Output's own loss per epoch (validation when there is some), so a student sees which of two heads learned. */
export function outputLossSeries(epochs: EpochEvent[]) {
  const ids = [...new Set(epochs.flatMap((e) => Object.keys(e.losses)))];
  const colors = ['#a78bfa', '#2dd4bf', '#fb923c', '#60a5fa', '#f472b6'];
  const series: ChartSeries[] = [];
  const data: { x: number[]; y: number[] }[] = [];
  ids.forEach((id, i) => {
    series.push({ label: `${id}`, color: colors[i % colors.length], points: true });
    data.push({ x: epochs.map((e) => e.epoch), y: epochs.map((e) => e.losses[id]) });
    const withVal = epochs.filter((e) => e.valLosses && id in e.valLosses);
    if (withVal.length) {
      series.push({ label: `${id} val`, color: colors[i % colors.length], dash: true, points: true });
      data.push({ x: withVal.map((e) => e.epoch), y: withVal.map((e) => e.valLosses![id]) });
    }
  });
  return { series, data: alignSeries(data), outputs: ids.length };
}

/** The mean global gradient norm per epoch, before and after clipping. */
export function gradNormSeries(epochs: EpochEvent[]) {
  const series: ChartSeries[] = [
    { label: 'before clipping', color: '#fb7185', points: true },
    { label: 'after clipping', color: '#34d399', points: true },
  ];
  const x = epochs.map((e) => e.epoch);
  const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : null);
  return { series, data: [x, epochs.map((e) => clean(e.gradNorm.before)), epochs.map((e) => clean(e.gradNorm.after))] as [number[], ...(number | null)[][]] };
}
