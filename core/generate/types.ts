import type { CompiledInput, CompiledOutput, Head } from '../compile/types';
import type { HeadSample, MixtureTrace } from './head-sample';

export interface GenerateOptions {
  /** Samples drawn side by side (one batch); by default as many as the conditions hold, else 1. */
  n?: number;
  /** 0 is greedy; 1 samples the model's own distribution; above 1 is wilder. */
  temperature?: number;
  /** Steps generated after the primer; the loop stops here when no end comes. */
  maxSteps?: number;
  /**
   * A drawing (mdn head) does not end before this many steps: an end drawn
   * sooner is drawn again given that the drawing goes on, and a note says how
   * many drawings that happened to. Default 3; 0 lets a drawing end at once.
   */
  minSteps?: number;
  seed?: number;
  /** Values of the inputs without feedback (a class vector, an image, a source sentence), by input node id: one example or n. */
  conditions?: Record<string, unknown>;
  /** Steps fed to a feedback input before sampling starts (the first strokes of a drawing, a text's start), by input node id. */
  primer?: Record<string, (number | number[])[]>;
  /** The id that starts a decoder's input (`<start>`), and the one that ends its output (`<end>`). */
  startToken?: number;
  endToken?: number;
  /**
   * Samples (by index) whose mixture distributions are kept step by step, for
   * a replay: mdn heads generated step by step. Each costs 6 numbers per
   * mixture per step, so ask only for the drawings shown.
   */
  traceMixtures?: number[];
  /** Called after every step, e.g. to draw strokes as they come. */
  onStep?(step: number, sequences: GeneratedSequence[]): void;
}

/** The steps generated for one feedback loop (or, without feedback, one Output). */
export interface GeneratedSequence {
  /** The input fed back into; `null` for an Output read once, with no loop. */
  inputId: string | null;
  outputId: string;
  head: Head;
  /** Per sample, per step: stroke-5 (mdn), `[id]` (softmax), bits (sigmoid) or values (linear); the primer's steps first. */
  samples: HeadSample[][];
  /** Leading steps of every sample that came from the primer. */
  primed: number;
  /** Per sample: stopped by its end (end stroke, end token) or by `maxSteps`. */
  stopped: ('end' | 'max-steps')[];
  /**
   * With `traceMixtures`, per sample: the distribution each generated step
   * (after the primer) was drawn from, or null for a sample not traced.
   */
  mixtures?: (MixtureTrace[] | null)[];
}

export interface GenerateResult {
  /** `step`: stateful, one cell step per step; `window`: a sliding window fed to the whole model; `once`: no feedback. */
  mode: 'step' | 'window' | 'once';
  sequences: GeneratedSequence[];
  /** Model calls made after the primer. */
  steps: number;
  notes: string[];
}

/** A feedback loop: an input and the Output whose samples feed it. */
export interface FeedbackLink {
  inputIndex: number;
  input: CompiledInput;
  outputIndex: number;
  output: CompiledOutput;
  /** Values fed before sampling: the start value, then the primer. */
  lead: (number | number[])[];
  primer: (number | number[])[];
}
