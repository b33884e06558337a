import type { CompiledModel } from '../compile/types';
import { decode } from '../data/vocab';
import type { Vocab } from '../data/types';
import type { Stroke5 } from './mdn-sample';
import { mixtureFrames, type MixtureFrame } from './replay';
import { strokesToPolylines, type Polyline } from './strokes';
import type { GenerateResult } from './types';

/** What a user sees of a generation: drawings, text, or numbers (the `generate` answer of core/api). */
export type GeneratedView =
  | { kind: 'strokes'; drawings: GeneratedDrawing[] }
  | { kind: 'text'; samples: { input: string | null; output: string }[] }
  | { kind: 'values'; outputs: Record<string, number[][][]> };

/** One generated drawing: its steps (the primer's `primed` first), its lines, and for a traced drawing what each generated step was drawn from. */
export interface GeneratedDrawing {
  stroke5: Stroke5[];
  polylines: Polyline[];
  primed: number;
  mixtures?: MixtureFrame[];
}

/**
 * Puts generated steps in the form a person reads: strokes as stroke-5 and
 * polylines; token ids as text with the vocabulary of the dataset the run was
 * trained on (beside the condition's text for seq2seq); anything else as values.
 */
export function presentGenerated(result: GenerateResult, compiled: CompiledModel, vocabs: Record<string, Vocab | undefined>, conditions: Record<string, unknown> = {}): GeneratedView {
  const strokes = result.sequences.find((s) => s.head === 'mdn');
  if (strokes) {
    return {
      kind: 'strokes',
      drawings: strokes.samples.map((steps, i): GeneratedDrawing => {
        const traces = strokes.mixtures?.[i];
        return {
          stroke5: steps as Stroke5[],
          polylines: strokesToPolylines(steps),
          primed: strokes.primed,
          ...(traces ? { mixtures: mixtureFrames(steps, strokes.primed, traces) } : {}),
        };
      }),
    };
  }
  const text = result.sequences.find((s) => s.head === 'softmax' && vocabs[s.outputId]);
  if (text) {
    const source = compiled.inputs.find((i) => !i.feedback && i.nodeType === 'TokenInput' && vocabs[i.nodeId] && Array.isArray(conditions[i.nodeId]));
    const sourceRows = source ? asRows(conditions[source.nodeId], text.samples.length) : null;
    return {
      kind: 'text',
      samples: text.samples.map((steps, i) => ({
        input: source && sourceRows ? decode(vocabs[source.nodeId]!, sourceRows[i]) : null,
        output: decode(vocabs[text.outputId]!, steps.map((s) => s[0])),
      })),
    };
  }
  return { kind: 'values', outputs: Object.fromEntries(result.sequences.map((s) => [s.outputId, s.samples])) };
}

/** Condition ids per sample: a batch as given, or one example for every sample. */
function asRows(value: unknown, n: number): number[][] {
  const rows = value as number[] | number[][];
  return Array.isArray(rows[0]) ? (rows as number[][]) : Array.from({ length: n }, () => rows as number[]);
}
