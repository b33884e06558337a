import type { CompiledModel } from '../compile/types';
import { decode } from '../data/vocab';
import type { FieldInfo, Vocab } from '../data/types';
import type { Stroke5 } from './mdn-sample';
import { mixtureFrames, type MixtureFrame } from './replay';
import { strokesToPolylines, type Polyline } from './strokes';
import type { GenerateResult } from './types';

/** What a user sees of a generation: drawings, text, or numbers (the `generate` answer of core/api). */
export type GeneratedView =
  | { kind: 'strokes'; drawings: GeneratedDrawing[] }
  | { kind: 'text'; samples: TextSample[]; split?: 'validation' | 'training' }
  | { kind: 'values'; outputs: Record<string, number[][][]> };

/**
 * One generated drawing: its steps (the primer's `primed` first), its lines,
 * the class it was asked for (a class-conditional model), and for a traced
 * drawing what each generated step was drawn from.
 */
export interface GeneratedDrawing {
  stroke5: Stroke5[];
  polylines: Polyline[];
  primed: number;
  asked?: string;
  mixtures?: MixtureFrame[];
}

/** One generated text, with what it can be checked against when it was made from a sample of the data. */
export interface TextSample {
  /** The condition's text as written (a question), when the condition is text. */
  input: string | null;
  output: string;
  /** The sample's true text (answer, caption), when the condition came from the dataset. */
  truth?: string;
  /** Whether the output is the truth, word for word. */
  right?: boolean;
  /** The sample's index in the dataset. */
  index?: number;
  /** The condition when it is a picture: rows of pixels (first channel). */
  image?: number[][];
}

/** Samples of the data the conditions came from: their indices, split, and the truth of the fed-back Output. */
export interface ShownSamples {
  indices: number[];
  split: 'validation' | 'training';
  /** Per Output, per sample: the ids of the field bound to it (one id per sample is a list of one). */
  truth: Record<string, number[][] | undefined>;
}

/** Pictures larger than this many pixels are not sent back (the preview's bound on one sample). */
const IMAGE_PIXELS = 4096;

/**
 * Puts generated steps in the form a person reads: strokes as stroke-5 and
 * polylines (with the class each was asked for, when a token input
 * conditions them); token ids as text with the vocabulary of the dataset the
 * run was trained on (beside the condition's text for seq2seq, read as written
 * even when the model was fed it backwards; beside the true text and the
 * picture when the condition is a sample of the data); anything else as values.
 */
export function presentGenerated(
  result: GenerateResult,
  compiled: CompiledModel,
  vocabs: Record<string, Vocab | undefined>,
  conditions: Record<string, unknown> = {},
  shown: { fields?: Record<string, Pick<FieldInfo, 'reversed'> | undefined>; samples?: ShownSamples } = {},
): GeneratedView {
  const fields = shown.fields ?? {};
  const turned = (id: string, ids: number[]) => (fields[id]?.reversed ? [...ids].reverse() : ids);
  const source = compiled.inputs.find((i) => !i.feedback && i.nodeType === 'TokenInput' && vocabs[i.nodeId] && Array.isArray(conditions[i.nodeId]));
  const strokes = result.sequences.find((s) => s.head === 'mdn');
  if (strokes) {
    // A class-conditional drawing says which class it was asked for.
    const asked = source ? asRows(conditions[source.nodeId], strokes.samples.length).map((ids) => decode(vocabs[source.nodeId]!, ids)) : null;
    return {
      kind: 'strokes',
      drawings: strokes.samples.map((steps, i): GeneratedDrawing => {
        const traces = strokes.mixtures?.[i];
        return {
          stroke5: steps as Stroke5[],
          polylines: strokesToPolylines(steps),
          primed: strokes.primed,
          ...(asked ? { asked: asked[i] } : {}),
          ...(traces ? { mixtures: mixtureFrames(steps, strokes.primed, traces) } : {}),
        };
      }),
    };
  }
  const text = result.sequences.find((s) => s.head === 'softmax' && vocabs[s.outputId]);
  if (text) {
    const sourceRows = source ? asRows(conditions[source.nodeId], text.samples.length) : null;
    const picture = compiled.inputs.find((i) => !i.feedback && i.nodeType === 'ImageInput' && Array.isArray(conditions[i.nodeId]));
    const pictures = picture ? asPictures(conditions[picture.nodeId], text.samples.length) : null;
    const { samples } = shown;
    const vocab = vocabs[text.outputId]!;
    return {
      kind: 'text',
      samples: text.samples.map((steps, i) => {
        const output = decode(vocab, steps.map((s) => s[0]));
        const ids = samples?.truth[text.outputId]?.[i];
        const truth = ids ? decode(vocab, turned(text.outputId, ids)) : undefined;
        return {
          input: source && sourceRows ? decode(vocabs[source.nodeId]!, turned(source.nodeId, sourceRows[i])) : null,
          output,
          ...(truth !== undefined ? { truth, right: output === truth } : {}),
          ...(samples?.indices[i] !== undefined ? { index: samples.indices[i] } : {}),
          ...(pictures?.[i] ? { image: pictures[i] } : {}),
        };
      }),
      ...(samples ? { split: samples.split } : {}),
    };
  }
  return { kind: 'values', outputs: Object.fromEntries(result.sequences.map((s) => [s.outputId, s.samples])) };
}

/** A picture per sample ([H, W, C] each, or one for all), as rows of its first channel; null when too large to send. */
function asPictures(value: unknown, n: number): number[][][] | null {
  const isOne = (v: unknown) => Array.isArray(v) && Array.isArray(v[0]) && Array.isArray((v as unknown[][])[0][0]) && !Array.isArray((v as unknown[][][])[0][0][0]);
  const list = isOne(value) ? Array.from({ length: n }, () => value) : (value as unknown[]);
  if (!Array.isArray(list) || !list.every(isOne)) return null;
  const first = list[0] as number[][][];
  if (first.length * first[0].length > IMAGE_PIXELS) return null;
  return (list as number[][][][]).map((img) => img.map((row) => row.map((px) => px[0])));
}

/** Condition ids per sample: a batch as given, or one example for every sample. */
function asRows(value: unknown, n: number): number[][] {
  const rows = value as number[] | number[][];
  return Array.isArray(rows[0]) ? (rows as number[][]) : Array.from({ length: n }, () => rows as number[]);
}
