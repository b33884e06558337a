import type { PreviewInput, PreviewOutput, PreviewSamples } from '../../core/api/preview';
import type { NestedNumbers } from '../../core/api/schemas';

/**
 * What the window draws of `previewSamples`: a strip of per-step class
 * predictions against the truth, and forecasts (history, truth, prediction).
 * Pure, so the views stay thin and the rules are tested here.
 */

/** One step of a strip: what the model said, what was true, and how sure it was. */
export interface StripCell {
  step: number;
  predicted: number;
  truth: number;
  confidence: number | null;
  right: boolean;
}

export interface StripRow {
  sample: number;
  /** The sample's index in the dataset. */
  index: number;
  cells: StripCell[];
  right: number;
}

/** Outputs that give a class per step ([T, classes] softmax): the ones drawn as a strip. */
export function isPerStepClasses(output: PreviewOutput): boolean {
  return output.kind === 'classes' && output.shape.length === 1 && output.truth !== null && output.prediction !== null;
}

/** Linear (and sigmoid) heads with values to show: drawn as forecasts. */
export function isForecast(output: PreviewOutput): boolean {
  return output.kind === 'values' && output.truth !== null && output.prediction !== null && output.shape.length >= 1 && output.shape.length <= 2;
}

const num = (v: NestedNumbers | undefined): number => (typeof v === 'number' ? v : NaN);

/** One row per sample, one cell per step. */
export function stripRows(preview: Pick<PreviewSamples, 'indices'>, output: PreviewOutput): StripRow[] {
  if (!isPerStepClasses(output)) return [];
  const truth = output.truth as NestedNumbers[][];
  const predicted = output.prediction as NestedNumbers[][];
  const confidence = output.confidence as NestedNumbers[][] | null;
  return truth.map((steps, sample) => {
    const cells = steps.map((t, step) => {
      const p = num(predicted[sample]?.[step]);
      const c = confidence?.[sample]?.[step];
      return { step, predicted: p, truth: num(t), confidence: typeof c === 'number' ? c : null, right: p === num(t) };
    });
    return { sample, index: preview.indices[sample] ?? sample, cells, right: cells.filter((c) => c.right).length };
  });
}

/** The name of a class: the vocabulary's token, else its id. */
export function className(names: string[] | null, id: number): string {
  const name = names?.[id];
  return name === undefined || name === '' ? String(id) : name;
}

/**
 * Labels short enough for a cell: the shortest prefix (up to 3 characters)
 * that still tells the classes apart, so `left, right, up, down` read
 * `l, r, u, d`; ids where no prefix does. The whole name goes in the label.
 */
export function shortNames(names: string[] | null, ids: number[]): Map<number, string> {
  const full = ids.map((id) => className(names, id));
  for (let k = 1; k <= 3; k++) {
    const cut = full.map((n) => [...n].slice(0, k).join(''));
    if (new Set(cut).size === new Set(full).size) return new Map(ids.map((id, i) => [id, cut[i]]));
  }
  return new Map(ids.map((id) => [id, String(id)]));
}

const CLASS_COLORS = ['#7c9cff', '#fb923c', '#34d399', '#f472b6', '#facc15', '#22d3ee', '#a78bfa', '#f87171', '#a3e635', '#e879f9'];

/** A colour per class, the same in every row and the legend. */
export function classColor(id: number): string {
  return Number.isInteger(id) && id >= 0 ? CLASS_COLORS[id % CLASS_COLORS.length] : '#64748b';
}

/** Points of one line: x is the step. */
export type Line = [number, number][];

export interface Forecast {
  /** The input the model read, of the chosen signal. */
  history: Line;
  truth: Line;
  prediction: Line;
  /** The model fed its own predictions back, steps past the history (from generate), when there is one. */
  fedBack: Line;
}

/**
 * The input a forecast is drawn against: the one that feeds back from this
 * Output if the graph says so, else the first sequence of floats.
 */
export function historyInput(inputs: PreviewInput[], feedbackFrom: Record<string, string>, outputId: string): PreviewInput | null {
  const sequences = inputs.filter((i) => i.dtype === 'float32' && i.shape.length === 2 && i.values !== null);
  return sequences.find((i) => feedbackFrom[i.nodeId] === outputId) ?? sequences[0] ?? null;
}

/** How many signals an Output gives per step (its last dimension). */
export function signalsOf(output: PreviewOutput): number {
  return output.shape.at(-1) ?? 1;
}

/**
 * One sample's forecast of signal `signal`. An Output of one value per
 * sequence (`[units]`) sits one step past the history; one of a value per
 * step (`[T, units]`) is drawn at its steps, against the history's.
 */
export function forecastOf(history: PreviewInput | null, output: PreviewOutput, sample: number, signal: number, fedBack: NestedNumbers[] | null = null): Forecast {
  const rows = (history?.values?.[sample] ?? []) as NestedNumbers[];
  const width = history?.shape[1] ?? 1;
  const channel = width === signalsOf(output) ? signal : 0;
  const historyLine: Line = rows.map((r, t) => [t, Array.isArray(r) ? num(r[channel]) : num(r)]);
  const at = (value: NestedNumbers | undefined, x: number): [number, number] => [x, Array.isArray(value) ? num(value[signal]) : num(value)];
  const truth = output.truth?.[sample];
  const prediction = output.prediction?.[sample];
  const T = historyLine.length;
  let truthLine: Line;
  let predictionLine: Line;
  if (output.shape.length === 1) {
    truthLine = [at(truth, T)];
    predictionLine = [at(prediction, T)];
  } else {
    truthLine = ((truth ?? []) as NestedNumbers[]).map((v, t) => at(v, t));
    predictionLine = ((prediction ?? []) as NestedNumbers[]).map((v, t) => at(v, t));
  }
  const fedBackLine: Line = (fedBack ?? []).map((v, k) => at(v, T + k));
  return { history: historyLine, truth: truthLine, prediction: predictionLine, fedBack: fedBackLine };
}

/**
 * The steps a windowed generation added past its primer: the generated
 * samples begin with the primer (the history), so those steps are dropped.
 */
export function generatedSteps(samples: NestedNumbers | undefined, primed: number): NestedNumbers[] | null {
  if (!Array.isArray(samples) || !Array.isArray(samples[0])) return null;
  const steps = samples[0] as NestedNumbers[];
  return steps.length > primed ? steps.slice(primed) : null;
}

/** The range of every finite y, with room so no line sits on the edge. */
export function yRange(lines: Line[]): [number, number] {
  const ys = lines.flat().map(([, y]) => y).filter(Number.isFinite);
  if (!ys.length) return [-1, 1];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = (hi - lo || 1) * 0.08;
  return [lo - pad, hi + pad];
}

/** Share of steps right over all rows, as text for the strip's caption. */
export function accuracyText(rows: StripRow[]): string {
  const total = rows.reduce((a, r) => a + r.cells.length, 0);
  const right = rows.reduce((a, r) => a + r.right, 0);
  return total ? `${right} of ${total} steps right (${Math.round((100 * right) / total)}%)` : 'no steps';
}

type GeneratedTextSample = { input: string | null; output: string; truth?: string; right?: boolean; index?: number; image?: number[][] };

/** What the generated-text table shows: which columns, a sentence per row for screen readers, and how many were right. */
export function checkedText(result: { samples: GeneratedTextSample[]; split?: 'validation' | 'training' }) {
  const rows = result.samples.map((s, i) => ({
    ...s,
    label: `sample ${i + 1}${s.index === undefined ? '' : ` (#${s.index})`}: ${s.input === null ? '' : `${s.input} → `}${s.output}${s.truth === undefined ? '' : `, truth ${s.truth}, ${s.right ? 'right' : 'wrong'}`}`,
  }));
  const checked = rows.some((r) => r.truth !== undefined);
  const right = rows.filter((r) => r.right).length;
  const from = result.split === 'training' ? 'training samples (the run kept no validation split: the model has seen these)' : `${result.split ?? 'validation'} samples, which the model did not train on`;
  return {
    rows,
    checked,
    pictures: rows.some((r) => r.image !== undefined),
    questions: rows.some((r) => r.input !== null),
    summary: checked ? `${right} of ${rows.length} right, on ${from}.` : null,
  };
}
