import * as tf from '@tensorflow/tfjs';
import { median, type BenchModule, type Figure } from './measure';
import { BACKENDS } from '../electron/backend/names';
import { currentBackend, selectBackend } from '../electron/backend/select';
import { describeFusedUse, FUSED_ABSENT, fusedSwitch, withFusedOnOff } from './fused';
import { strokeRates } from './stroke-rate';
import { loopEpochRates } from './train-rate';
import { handWrittenModel, REF, referenceData, referenceGraph } from './train-reference';

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

/** samplesPerSec of the reference graph on every backend that starts here, with the fused recurrent kernels on and off. */
async function samplesPerSec(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const fused = await fusedSwitch();
  for (const name of BACKENDS) {
    try {
      await selectBackend(name);
    } catch (err) {
      figures.push({ name: `samplesPerSec.${name}`, value: null, unit: 'samples/s', note: `not present: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    const samples = name === 'cpu' ? 192 : 640;
    const { dataset } = referenceData(samples);
    for (const r of await withFusedOnOff(fused, () => loopEpochRates(referenceGraph(), dataset, 2))) {
      figures.push({
        name: `samplesPerSec.${name}${r.on === false ? '.unfused' : ''}`, value: median(r.value), unit: 'samples/s',
        note: `reference model, our loop, median of ${r.value.length} epochs; ${r.use ? `fused path ${r.on ? 'on' : 'off'} (${describeFusedUse(r.use)})` : FUSED_ABSENT}`,
      });
    }
  }
  await selectBackend();
  return figures;
}

/** samplesPerSec of the stroke template on wasm (the backend a user without tfjs-node trains on), fused on and off. */
async function strokeSamplesPerSec(): Promise<Figure[]> {
  await selectBackend('wasm');
  const fused = await fusedSwitch();
  const figures: Figure[] = [];
  for (const r of await withFusedOnOff(fused, () => strokeRates(2))) {
    figures.push({
      name: `samplesPerSec.stroke${r.on === false ? '.unfused' : ''}`, value: median(r.value.rates), unit: 'samples/s',
      note: `stroke template (${r.value.model}), wasm, median of ${r.value.rates.length} epochs; ${r.use ? `fused path ${r.on ? 'on' : 'off'} (${describeFusedUse(r.use)})` : FUSED_ABSENT}`,
    });
  }
  await selectBackend();
  return figures;
}

export const trainBench: BenchModule = {
  name: 'training',
  async run() {
    return [...(await trainOverhead()), ...(await samplesPerSec()), ...(await strokeSamplesPerSec())];
  },
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
