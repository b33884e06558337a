import { writeFileSync } from 'node:fs';
import type { CompiledModel } from '../core/compile/types';
import type { Dataset } from '../core/data/types';
import { splitDataset } from '../core/data/split';
import { generate } from '../core/generate/generate';
import { renderSvgSheet, strokesToPolylines, type Polyline } from '../core/generate/strokes';
import type { Graph } from '../core/graph/schema';
import type { TrainOptions } from '../core/train/options';
import { Trainer } from '../core/train/trainer';
import type { Figure } from './measure';
import { agreement, classify, isEmptyDrawing, labelledDrawings, trainClassifier } from './stroke-classifier';

/** Drawings asked of every class, and the temperatures they are drawn at (low as sketch-rnn shows, and the Generate panel's default). */
const PER_CLASS = 20;
const TEMPERATURES = [0.3, 0.65];

export interface AskedDrawings {
  drawings: Polyline[][];
  asked: Int32Array;
  /** Drawings whose end came within the first steps and was drawn again as "go on" (generate's minSteps). */
  earlyEnds: number;
}

/** `perClass` drawings of each class, asked through the graph's one condition input (a TokenInput without feedback). */
export async function askEachClass(compiled: CompiledModel, classes: number, perClass: number, temperature: number, seed: number): Promise<AskedDrawings> {
  const input = compiled.inputs.find((i) => !i.feedback && i.nodeType === 'TokenInput');
  if (!input) throw new Error('the graph has no TokenInput without feedback to ask for a class through');
  const asked = new Int32Array(classes * perClass).map((_, i) => Math.floor(i / perClass));
  const result = await generate(compiled, { n: asked.length, temperature, seed, conditions: { [input.nodeId]: Array.from(asked, (c) => [c]) } });
  const strokes = result.sequences.find((s) => s.head === 'mdn');
  if (!strokes) throw new Error('the graph draws no strokes (no mdn Output fed back)');
  const early = result.notes.map((n) => /^(\d+) of \d+ drawings drew the end/.exec(n)).find(Boolean);
  return { drawings: strokes.samples.map((s) => strokesToPolylines(s as number[][])), asked, earlyEnds: early ? Number(early[1]) : 0 };
}

/**
 * The class-conditional strokes figure: a digit classifier trained on the
 * training split's drawings (rasterised) judges drawings the trained template
 * makes when asked for each digit; the figure is the share it recognises as
 * the digit asked for, beside the share of empty drawings and the time the
 * template trained. SEQWIRE_QUALITY_SHEET=PREFIX writes the drawings, each
 * captioned with the digit asked and the one the classifier saw, to
 * PREFIX-t0.3.svg and so on, to look at.
 */
export async function classConditionalFigures(graph: Graph, dataset: Dataset, compiled: CompiledModel, options: TrainOptions, progress: (line: string) => void): Promise<Figure[]> {
  const split = splitDataset(dataset, options.validationSplit, options.seed);
  const classes = dataset.fields.label.vocab?.tokens.length ?? 10;
  const started = Date.now();
  const train = labelledDrawings(dataset, split.train);
  const judge = await trainClassifier(train.drawings, train.labels, classes, { seed: options.seed });
  const held = labelledDrawings(dataset, split.validation);
  const judgeAccuracy = agreement(classify(judge, held.drawings), held.labels);
  const judgeSeconds = (Date.now() - started) / 1000;
  progress(`classifier: ${judgeAccuracy.toFixed(3)} on ${held.labels.length} held-out drawings (${judgeSeconds.toFixed(0)} s)`);

  const trainStart = Date.now();
  let lastVal: number | null = null;
  const end = await new Trainer({ compiled, dataset, bindings: graph.training!.bindings!, options }, {
    onEvent: (e) => {
      if (e.type !== 'epoch') return;
      lastVal = e.valLoss;
      progress(`class-conditional strokes epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, val ${e.valLoss?.toFixed(4)}`);
    },
  }).run();
  if (end.type === 'error') throw new Error(end.message);
  const trainSeconds = Math.round((Date.now() - trainStart) / 1000);

  const figures: Figure[] = [];
  for (const temperature of TEMPERATURES) {
    const { drawings, asked, earlyEnds } = await askEachClass(compiled, classes, PER_CLASS, temperature, options.seed);
    const seen = classify(judge, drawings);
    const recognised = agreement(seen, asked);
    const perDigit = Array.from({ length: classes }, (_, c) => agreement(seen.subarray(c * PER_CLASS, (c + 1) * PER_CLASS), asked.subarray(c * PER_CLASS, (c + 1) * PER_CLASS)));
    const empty = drawings.filter(isEmptyDrawing).length / drawings.length;
    progress(`temperature ${temperature}: ${recognised.toFixed(3)} recognised (per digit ${perDigit.map((v) => v.toFixed(2)).join(' ')}), ${empty.toFixed(3)} empty, ${earlyEnds} early ends drawn again`);
    const sheet = process.env.SEQWIRE_QUALITY_SHEET;
    if (sheet) writeFileSync(`${sheet}-t${temperature}.svg`, renderSvgSheet(drawings, { columns: PER_CLASS, cell: 64, captions: Array.from(asked, (a, i) => `${a} → ${seen[i]}`) }));
    const what = `${drawings.length} drawings (${PER_CLASS} per digit) at temperature ${temperature}`;
    figures.push(
      {
        name: `quality.strokesAsked.t${temperature}`,
        value: recognised,
        unit: 'recognised as asked',
        note: `class-conditional strokes template, ${end.epochs} epochs in ${trainSeconds} s (val loss ${(lastVal as number | null)?.toFixed(3)}); ${what} (per digit 0-9: ${perDigit.map((v) => v.toFixed(2)).join(' ')}), judged by a CNN trained on ${train.labels.length} rasterised training drawings (${judgeAccuracy.toFixed(3)} on ${held.labels.length} held out, ${judgeSeconds.toFixed(0)} s); chance 0.1`,
      },
      {
        name: `quality.strokesEmpty.t${temperature}`,
        value: empty,
        unit: 'empty drawings',
        target: '0',
        pass: empty === 0,
        note: `${what}; ${earlyEnds} drew their end within the first steps and were made to go on (minSteps)`,
      },
    );
  }
  judge.dispose();
  return figures;
}
