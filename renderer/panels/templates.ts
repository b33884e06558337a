import { parseGraphText } from '../../core/graph/load';
import type { Graph } from '../../core/graph/schema';

/** A template of the gallery: a graph from assets/templates, a sentence on what it shows, and the gallery section it sits in. */
export interface Template {
  file: string;
  title: string;
  sentence: string;
  section: Section;
  graph: Graph;
}

/** The gallery's sections, in the order shown: the lecture's sequence patterns first. */
export const SECTIONS = [
  'Sequence patterns',
  'Non-sequential data, read sequentially',
  'Generating',
  'Gradients through time',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Where a template file goes; a file no rule names is a sequence pattern. */
const SECTION_OF: [RegExp, Section][] = [
  [/^(many-to-one|glimpse)/, 'Non-sequential data, read sequentially'],
  [/stroke|sketch|draw/, 'Generating'],
  [/gradient/, 'Gradients through time'],
];

/** The lecture's order within a section; files not named here follow, by name. */
const ORDER = ['one-to-one', 'one-to-many', 'video', 'per-step', 'per-step-online', 'seq2seq', 'seq2seq-attention', 'multilayer-stack', 'many-to-one', 'glimpses', 'gradient-flow', 'exploding-gradients'];

function rank(file: string): number {
  const at = ORDER.indexOf(file.replace('.seqwire.json', ''));
  return at < 0 ? ORDER.length : at;
}

export function sectionOf(file: string): Section {
  return SECTION_OF.find(([re]) => re.test(file))?.[1] ?? 'Sequence patterns';
}

// Bundled with the window, so the gallery works in every host without a request.
const files = import.meta.glob('../../assets/templates/*.seqwire.json', { eager: true, query: '?raw', import: 'default' }) as Record<string, string>;

/** What each lecture pattern shows, for templates whose file carries no description of its own. */
const SENTENCES: [RegExp, string][] = [
  [/one-to-one|cnn|classif/i, 'One input, one answer: a small convolutional classifier, the baseline before recurrence.'],
  [/one-to-many|caption/i, 'One vector starts a sequence: the decoder unrolls from a single input.'],
  [/many-to-one|digit|row/i, 'Reads an image row by row and gives one label at the end.'],
  [/seq2seq|addition|encoder/i, 'An encoder reads the question, its final state starts a decoder that writes the answer.'],
  [/per-step|label|tag/i, 'A label at every step: many-to-many with returnSequences on.'],
  [/stroke|sketch|draw/i, 'A stacked LSTM with a mixture-density head that draws pen strokes, fed back step by step.'],
  [/stack|multilayer|deep/i, 'Recurrent layers stacked so each reads the sequence the one below writes.'],
];

function sentenceFor(file: string, graph: Graph): string {
  const own = (graph as Record<string, unknown>).description;
  if (typeof own === 'string' && own) return own;
  return SENTENCES.find(([re]) => re.test(file) || re.test(graph.name ?? ''))?.[1] ?? `${graph.nodes.length} nodes.`;
}

export const TEMPLATES: Template[] = Object.entries(files)
  .flatMap(([path, text]) => {
    const result = parseGraphText(text);
    if (!result.ok) return [];
    const file = path.split('/').pop() ?? path;
    const title = result.graph.name ?? file.replace('.seqwire.json', '');
    return [{ file, title, sentence: sentenceFor(file, result.graph), section: sectionOf(file), graph: result.graph }];
  })
  .sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section) || rank(a.file) - rank(b.file) || a.file.localeCompare(b.file));
