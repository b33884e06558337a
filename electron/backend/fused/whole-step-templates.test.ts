import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../core/data/load';
import { parseGraphText } from '../../../core/graph/load';
import { batchTensors, bindFields, boundFieldNames } from '../../../core/train/bindings';
import { clipGroups } from '../../../core/train/clip';
import { makeOptimizer } from '../../../core/train/optimizer';
import { resolveTrainOptions } from '../../../core/train/options';
import { Rng, withSeededRandom } from '../../../core/train/random';
import { trainStep, type StepResult } from '../../../core/train/step';
import { compileSeeded } from '../../../core/train/train-graph';
import { wholeStep } from '../../../core/train/whole-step';
import { nodeDataHost } from '../../data/node-data-host';
import { selectBackend } from '../select';
import { registerFusedKernels } from './kernels';

/**
 * Every shipped template that the whole step takes trains, step after step,
 * as trainStep trains it: on its own data (16 samples, two steps), with its
 * own optimizer settings, clipping and dropout, the same losses, norms and
 * weights within float rounding. The templates it does not take say why,
 * and the list of those is pinned, so a template that falls out is noticed.
 */

const dir = join(__dirname, '../../../assets/templates');
const files = readdirSync(dir).filter((f) => f.endsWith('.seqwire.json'));

/** The templates whose steps take tfjs's ops, and why. */
const NOT_WHOLE: Record<string, RegExp> = {
  glimpses: /Glimpse/,
  'seq2seq-attention': /SeqwireDotAttention/,
  'one-to-one': /Conv2D|reads an image/,
};

async function setUp(file: string) {
  const loaded = parseGraphText(readFileSync(join(dir, file), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  const { graph } = loaded;
  const training = graph.training!;
  const small = 'builtin' in training.dataset! && training.dataset.builtin === 'hershey-strokes' ? { count: 16, maxLength: 20 } : { count: 16 };
  const data = await loadDataset({ ...training.dataset!, options: { ...training.dataset!.options, ...small } }, nodeDataHost(dir));
  if (!data.ok) throw new Error(data.issue.message);
  const options = resolveTrainOptions(training, { batchSize: 8, validationSplit: 0 });
  return { graph, dataset: data.dataset, options, bindings: training.bindings! };
}

type SetUp = Awaited<ReturnType<typeof setUp>>;

function train({ graph, dataset, options, bindings }: SetUp, whole: boolean): { reason: string | null; results: StepResult[]; weights: Float32Array[] } {
  const compiled = compileSeeded(graph, options.seed);
  const bind = bindFields(compiled, dataset, bindings);
  if (!bind.ok) throw new Error(bind.message);
  const vars = compiled.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = makeOptimizer(options.optimizer);
  const groups = clipGroups(compiled.model, options.clipPer);
  const plan = wholeStep(compiled, bind.bound, vars, optimizer, groups);
  const results: StepResult[] = [];
  if (!whole || plan.ok) {
    // Two batches of the samples there are (a stroke set cut to 20 steps keeps fewer than 16).
    const half = Math.floor(Math.min(dataset.size, 16) / 2);
    const batches = [0, half].map((first) => Int32Array.from({ length: half }, (_, i) => first + i));
    for (const [k, idx] of batches.entries()) {
      const { xs, ys } = batchTensors(bind.bound, dataset.batch(idx, boundFieldNames(bind.bound)));
      results.push(
        withSeededRandom(new Rng(50 + k), () =>
          whole && plan.ok
            ? plan.plan.step(xs, ys, options.clipNorm, true, Infinity)
            : trainStep(compiled, bind.bound, vars, optimizer, xs, ys, options.clipNorm, true, Infinity, groups),
        ),
      );
      tf.dispose([...xs, ...ys]);
    }
  }
  const weights = vars.map((v) => v.dataSync() as Float32Array);
  compiled.model.dispose();
  optimizer.dispose();
  return { reason: plan.ok ? null : plan.reason, results, weights };
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) if (!(Number.isNaN(a[i]) && Number.isNaN(b[i]))) w = Math.max(w, Math.abs(a[i] - b[i]) / (floor + Math.abs(b[i])));
  return w;
}

describe('the whole step on the shipped templates', () => {
  it.each(files)('%s', async (file) => {
    await selectBackend('wasm');
    registerFusedKernels();
    const name = file.replace('.seqwire.json', '');
    const setup = await setUp(file);
    const ours = train(setup, true);
    if (name in NOT_WHOLE) {
      expect(ours.reason).toMatch(NOT_WHOLE[name]);
      return;
    }
    expect(ours.reason).toBeNull();
    const theirs = train(setup, false);
    for (const [i, r] of ours.results.entries()) {
      const t = theirs.results[i];
      expect(r.applied).toBe(true);
      expect(worst(r.losses, t.losses, 1e-6)).toBeLessThan(1e-5);
      expect(worst([r.normBefore, r.normAfter], [t.normBefore, t.normAfter], 1e-6)).toBeLessThan(1e-4);
      expect(worst(r.accuracy!, t.accuracy!, 1e-6)).toBeLessThan(1e-6);
    }
    // Adam turns a rounding difference in a gradient near 0 into a visible one in its step: weights within 1e-3 relative.
    ours.weights.forEach((w, i) => expect(worst(w, theirs.weights[i], 1e-3)).toBeLessThan(1e-3));
  });
});
