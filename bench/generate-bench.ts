import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileGraph } from '../core/compile/compile';
import type { CompiledModel } from '../core/compile/types';
import { generate } from '../core/generate/generate';
import { parseGraphText } from '../core/graph/load';
import { selectBackend } from '../electron/backend/select';
import { median, type BenchModule } from './measure';

const STEPS = 250;

/** The stroke template (2 × LSTM 128, mdn of 20), its end-of-drawing logit pushed down so that every sample runs all steps. */
function strokeModel(): CompiledModel {
  const loaded = parseGraphText(readFileSync(join(import.meta.dirname, '../assets/templates/stroke-generation.seqwire.json'), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error);
  const compiled = compileGraph(loaded.graph);
  const head = compiled.model.getLayer('pen');
  const [kernel, bias] = head.getWeights();
  const b = bias.arraySync() as number[];
  b[b.length - 1] = -30;
  head.setWeights([kernel, tf.tensor1d(b)]);
  return compiled;
}

/** Steps per second of generating by rerunning the model over the whole prefix at every step (what stepping avoids). */
async function rerunStepsPerSec(compiled: CompiledModel, steps: number): Promise<number> {
  const start = performance.now();
  const seq: number[][] = [[0, 0, 1, 0, 0]];
  for (let t = 0; t < steps; t++) {
    const y = compiled.model.predict(tf.tensor3d([seq])) as tf.Tensor;
    y.dataSync();
    y.dispose();
    seq.push([0.1, 0.1, 1, 0, 0]);
  }
  return steps / ((performance.now() - start) / 1000);
}

export const generateBench: BenchModule = {
  name: 'generation',
  async run() {
    const backend = await selectBackend();
    const compiled = strokeModel();
    await generate(compiled, { maxSteps: 5, seed: 1 });
    // The median of three drawings: the machine is shared, single runs wander.
    const rates: number[] = [];
    let one = await generate(compiled, { n: 1, maxSteps: 1, seed: 1 });
    for (let r = 0; r < 3; r++) {
      const start = performance.now();
      one = await generate(compiled, { n: 1, maxSteps: STEPS, seed: r });
      rates.push(one.steps / ((performance.now() - start) / 1000));
    }
    const perSec = median(rates);
    // The same drawings with their mixtures kept for a replay (what the window asks for the drawing it shows).
    const tracedRates: number[] = [];
    for (let r = 0; r < 3; r++) {
      const start = performance.now();
      const traced = await generate(compiled, { n: 1, maxSteps: STEPS, seed: r, traceMixtures: [0] });
      tracedRates.push(traced.steps / ((performance.now() - start) / 1000));
    }
    const startBatch = performance.now();
    const eight = await generate(compiled, { n: 8, maxSteps: STEPS, seed: 1 });
    const batchPerSec = (eight.steps * 8) / ((performance.now() - startBatch) / 1000);
    const rerunSteps = 60;
    const rerun = await rerunStepsPerSec(compiled, rerunSteps);
    return [
      {
        name: 'generateStepsPerSec',
        value: perSec,
        unit: 'steps/s',
        note: `stateful stepping, stroke template (2 × LSTM 128, mdn 20), 1 drawing of ${one.steps} steps (median of 3), ${backend.name} backend`,
      },
      { name: 'generateStepsPerSecTraced', value: median(tracedRates), unit: 'steps/s', note: 'the same drawing with its mixture kept at every step for a replay (median of 3, run after the untraced ones)' },
      { name: 'generateStepsPerSecBatch8', value: batchPerSec, unit: 'steps/s', note: `8 drawings side by side, ${eight.steps} steps each (sample steps per second)` },
      { name: 'generateStepsPerSecRerun', value: rerun, unit: 'steps/s', note: `the same model rerun over the whole prefix each step, first ${rerunSteps} steps only (it slows as the prefix grows)` },
    ];
  },
};
