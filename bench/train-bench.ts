import * as tf from '@tensorflow/tfjs';
import { median, type BenchModule, type Figure } from './measure';
import type { Dataset } from '../core/data/types';
import type { Graph } from '../core/graph/schema';
import { BACKENDS, type BackendName } from '../electron/backend/names';
import { currentBackend, selectBackend } from '../electron/backend/select';
import { fusedRecurrentUse, setFusedRecurrent, setFusedWholeStep, setTransposingMatMul } from '../electron/backend';
import { describeFusedUse } from './fused';
import { loopEpochRates } from './train-rate';
import { handWrittenModel, REF, referenceData, referenceGraph, templateWithData } from './train-reference';

/** Samples per second of the hand-written model under `model.fit`, one figure per epoch (after one warm-up epoch). */
async function fitEpochRates(x: Float32Array, y: Float32Array, samples: number, epochs: number): Promise<number[]> {
  const model = handWrittenModel();
  const xs = tf.tensor3d(x, [samples, REF.steps, REF.features]);
  const ys = tf.tensor2d(y, [samples, REF.classes]);
  const rates: number[] = [];
  let start = 0;
  await model.fit(xs, ys, {
    epochs: epochs + 1,
    batchSize: REF.batchSize,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => {
        start = performance.now();
      },
      onEpochEnd: async (epoch) => {
        if (epoch > 0) rates.push(samples / ((performance.now() - start) / 1000));
      },
    },
  });
  tf.dispose([xs, ys]);
  model.dispose();
  return rates;
}

/** trainOverhead: our loop over model.fit on the same backend, alternating blocks so drift hits both sides. */
async function trainOverhead(): Promise<Figure[]> {
  const choice = await selectBackend();
  const samples = choice.name === 'cpu' ? 320 : 640;
  const { dataset, x, y } = referenceData(samples);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < 2; round++) {
    theirs.push(...(await fitEpochRates(x, y, samples, 3)));
    ours.push(...(await loopEpochRates(referenceGraph(), dataset, 3)));
  }
  const ratio = median(ours) / median(theirs);
  return [
    {
      name: 'trainOverhead', value: ratio, unit: '×', target: '≥ 0.95', pass: ratio >= 0.95,
      note: `${currentBackend()}: graph + Seqwire loop ${median(ours).toFixed(0)} samples/s vs tf.layers + model.fit ${median(theirs).toFixed(0)} samples/s (medians of ${ours.length} epochs each, ${samples} samples, batch ${REF.batchSize})`,
    },
  ];
}

/**
 * samplesPerSec of the reference graph on every backend that starts here,
 * with the fused recurrent kernels on (as a user trains); off as well on the
 * backends other than wasm, whose on/off pair fusedOnOff measures interleaved.
 */
async function samplesPerSec(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const name of BACKENDS) {
    try {
      await selectBackend(name);
    } catch (err) {
      figures.push({ name: `samplesPerSec.${name}`, value: null, unit: 'samples/s', note: `not present: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const samples = name === 'cpu' ? 192 : 640;
    const { dataset } = referenceData(samples);
    for (const on of name === 'wasm' ? [true] : [true, false]) {
      setFusedRecurrent(on);
      const rates = await loopEpochRates(referenceGraph(), dataset, 2);
      figures.push({
        name: `samplesPerSec.${name as BackendName}${on ? '' : '.unfused'}`, value: median(rates), unit: 'samples/s',
        note: `reference model, our loop, median of ${rates.length} epochs; fused path ${on ? 'on' : 'off'} (${describeFusedUse(fusedRecurrentUse())})`,
      });
    }
    setFusedRecurrent(true);
  }
  await selectBackend();
  return figures;
}

/**
 * samplesPerSec on wasm with the fused recurrent kernels on and off: three
 * rounds, each side one warm-up epoch and one measured, alternating so that
 * drift on a shared machine hits both.
 */
export async function onOff(graph: Graph, dataset: Dataset, alsoLayers = false): Promise<{ on: number; off: number; layers: number; ratio: number; runs: number; use: string }> {
  await selectBackend('wasm');
  const on: number[] = [];
  const off: number[] = [];
  const layers: number[] = [];
  let use = fusedRecurrentUse();
  try {
    for (let round = 0; round < 3; round++) {
      setFusedRecurrent(false);
      off.push(...(await loopEpochRates(graph, dataset, 1)));
      setFusedRecurrent(true);
      on.push(...(await loopEpochRates(graph, dataset, 1)));
      use = fusedRecurrentUse();
      if (alsoLayers) {
        // The fused layers inside tfjs's step: what the whole step in one call adds.
        setFusedWholeStep(false);
        layers.push(...(await loopEpochRates(graph, dataset, 1)));
        setFusedWholeStep(true);
      }
    }
  } finally {
    setFusedRecurrent(true);
    setFusedWholeStep(true);
    await selectBackend();
  }
  // The ratio of each round's two runs, side by side in time, then their median: drift between rounds cancels.
  const ratio = median(on.map((v, i) => v / off[i]));
  return { on: median(on), off: median(off), layers: alsoLayers ? median(layers) : Number.NaN, ratio, runs: on.length, use: describeFusedUse(use) };
}

/** The stroke template with its own dataset, cut to `samples` drawings so that an epoch stays short. */
function strokeTemplate(samples: number): Promise<{ graph: Graph; dataset: Dataset }> {
  return templateWithData('stroke-generation', { samples });
}

/** The fused recurrent kernels on and off, on the reference model and on the stroke template. */
async function fusedOnOff(): Promise<Figure[]> {
  const ref = await onOff(referenceGraph(), referenceData(640).dataset);
  const stroke = await strokeTemplate(256);
  const st = await onOff(stroke.graph, stroke.dataset, true);
  return [
    { name: 'samplesPerSec.wasm.fused', value: ref.on, unit: 'samples/s', note: `reference model, median of ${ref.runs} epochs interleaved with the unfused ones; ${ref.use}` },
    { name: 'samplesPerSec.wasm.unfused', value: ref.off, unit: 'samples/s', note: 'the same with setFusedRecurrent(false)' },
    { name: 'fusedSpeedup.wasm', value: ref.on / ref.off, unit: '×', note: 'fused over unfused, reference model' },
    { name: 'strokeSamplesPerSec.wasm.fused', value: st.on, unit: 'samples/s', note: `stroke template (2 × LSTM 128, mdn 20, clip 1), ${stroke.dataset.size} drawings, median of ${st.runs} epochs; ${st.use}` },
    { name: 'strokeSamplesPerSec.wasm.layersOnly', value: st.layers, unit: 'samples/s', note: 'the same with the fused layers inside tfjs\'s step (setFusedWholeStep(false))' },
    { name: 'strokeSamplesPerSec.wasm.unfused', value: st.off, unit: 'samples/s', note: 'the same with setFusedRecurrent(false)' },
    { name: 'fusedSpeedup.wasm.stroke', value: st.on / st.off, unit: '×', note: 'fused over unfused, stroke template' },
  ];
}

/**
 * matMulFixSpeedup: the reference model on wasm with the fused path off (so
 * that every recurrent matMul runs through BatchMatMul, as in any layer the
 * fused path leaves to tfjs), with tfjs's own BatchMatMul and with the
 * transposing one (electron/backend/wasm-matmul.ts), alternating.
 */
async function matMulFix(): Promise<Figure[]> {
  await selectBackend('wasm');
  const { dataset } = referenceData(320);
  const before: number[] = [];
  const after: number[] = [];
  setFusedRecurrent(false);
  try {
    for (let round = 0; round < 2; round++) {
      setTransposingMatMul(false);
      before.push(...(await loopEpochRates(referenceGraph(), dataset, 1)));
      setTransposingMatMul(true);
      after.push(...(await loopEpochRates(referenceGraph(), dataset, 1)));
    }
  } finally {
    setTransposingMatMul(true);
    setFusedRecurrent(true);
    await selectBackend();
  }
  return [{
    name: 'matMulFixSpeedup.wasm', value: median(after) / median(before), unit: '×',
    note: `reference model, fused path off: ${median(after).toFixed(0)} samples/s with transposed matMuls sent to XNNPACK vs ${median(before).toFixed(0)} with tfjs's scalar loop (medians of ${after.length} epochs each, alternating, 320 samples)`,
  }];
}

export const trainBench: BenchModule = {
  name: 'training',
  async run() {
    return [...(await trainOverhead()), ...(await samplesPerSec()), ...(await fusedOnOff()), ...(await matMulFix())];
  },
};

/** Only the matMul before/after figure (`npm run bench -- --only matmul`). */
export const matMulBench: BenchModule = {
  name: 'matmul',
  run: matMulFix,
};

/** Only the fused on/off figures (`npm run bench -- --only fused`). */
export const fusedBench: BenchModule = {
  name: 'fused',
  run: fusedOnOff,
};

/** eventLoopMaxDelayMs: the main thread's worst event-loop delay while the worker trains the reference-sized model. */
async function eventLoopDelay(): Promise<Figure[]> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { TrainingController } = await import('../electron/training/controller');
  const graph = referenceGraph();
  // A forecasting twin of the reference model, fed by the built-in `sine` dataset the worker loads itself.
  graph.nodes[0].params = { timesteps: REF.steps, features: REF.features };
  graph.nodes[2].params = { head: 'linear', units: REF.features };
  graph.training = { ...graph.training, dataset: { builtin: 'sine', options: { window: REF.steps, signals: REF.features, count: 640 } }, bindings: { x: 'history', y: 'next' }, epochs: 2 };
  const out = await mkdtemp(join(tmpdir(), 'seqwire-bench-'));
  // The same measure with nothing running: on a shared machine the OS alone
  // delays a thread, and the figure means nothing without it.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  idle.disable();
  const controller = new TrainingController();
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let batches = 0;
  controller.on('progress', () => batches++);
  let started = false;
  controller.on('started', () => {
    // Measure the training itself, not the worker's start-up (module loading happens on its own thread anyway).
    started = true;
    histogram.enable();
  });
  try {
    const end = await controller.start({ graph, baseDir: out, outDir: out });
    histogram.disable();
    if (end.type === 'error') throw new Error(end.message);
    if (!started) throw new Error('the worker never started training');
    const maxMs = histogram.max / 1e6;
    return [{
      name: 'eventLoopMaxDelayMs', value: maxMs, unit: 'ms', target: '< 50', pass: maxMs < 50,
      note: `main thread while the worker trained 2 epochs on ${end.backend} (${batches} batch events received; p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms); idle baseline on this machine: max ${(idle.max / 1e6).toFixed(1)} ms, p99 ${(idle.percentile(99) / 1e6).toFixed(1)} ms over 5 s`,
    }];
  } finally {
    await controller.dispose();
    await rm(out, { recursive: true, force: true });
  }
}

export const trainLoopBench: BenchModule = {
  name: 'training-worker',
  run: eventLoopDelay,
};
