import { existsSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { resolveTrainOptions } from '../core/train/options';
import { compileSeeded } from '../core/train/train-graph';
import { Trainer } from '../core/train/trainer';
import { selectBackend } from '../electron/backend/select';
import { LiveProbe, PROBE_SHARE } from '../electron/training/live-probe';
import { median, type BenchModule, type Figure } from './measure';
import { referenceData, referenceGraph } from './train-reference';

const CHROMIUM = process.env.SEQWIRE_CHROMIUM ?? '/usr/bin/chromium';
const SAMPLES = 1024;
const ROUNDS = 3;

/** Samples per second of one epoch of the reference model (after a warm-up epoch), with or without the live probe watching a sample. */
async function epochRate(withProbe: boolean): Promise<{ rate: number; interval: number }> {
  const graph = referenceGraph();
  graph.training!.validationSplit = 0.1;
  const { dataset } = referenceData(SAMPLES);
  const compiled = compileSeeded(graph, 1);
  const options = resolveTrainOptions(graph.training, { epochs: 2, gradientFlow: false });
  const live = withProbe ? new LiveProbe({ compiled, graph, dataset }, 0, () => undefined) : null;
  const rates: number[] = [];
  const end = await new Trainer({ compiled, dataset, bindings: graph.training!.bindings!, options }, {
    onEvent: (e) => {
      if (e.type === 'batch') live?.afterBatch();
      if (e.type === 'epoch' && e.epoch > 1) rates.push(e.samplesPerSec);
    },
  }).run();
  compiled.model.dispose();
  if (end.type === 'error') throw new Error(end.message);
  return { rate: rates[0], interval: live?.interval ?? 0 };
}

/** Draws the map as Heatmap.tsx does, 5 warm-up and 21 timed times; the median ms. */
const DRAW_IN_PAGE = `(() => {
  const h = window.heatmap;
  const rows = Array.from({ length: 100 }, (_, t) => Array.from({ length: 128 }, (_, u) => Math.sin(t * 0.3 + u * 0.1)));
  const el = document.getElementById('c');
  const draw = () => {
    const px = h.heatmapPixels(rows, h.scaleFor(rows));
    const small = new OffscreenCanvas(px.width, px.height);
    small.getContext('2d').putImageData(new ImageData(px.data, px.width, px.height), 0, 0);
    const ctx = el.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, el.width, el.height);
    ctx.getImageData(0, 0, 1, 1);
  };
  for (let i = 0; i < 5; i++) draw();
  const times = [];
  for (let i = 0; i < 21; i++) { const t = performance.now(); draw(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  return times[10];
})()`;

/** The heatmap of Heatmap.tsx, bundled from its source and drawn in Chromium: pixels, putImageData, one scaled drawImage. */
async function heatmapDrawMs(): Promise<number | null> {
  if (!existsSync(CHROMIUM)) return null;
  const bundle = await build({ entryPoints: ['renderer/inside/heatmap.ts'], bundle: true, write: false, format: 'iife', globalName: 'heatmap' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<canvas id="c" width="256" height="200"></canvas>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    // A string, not a function: tsx would rewrite a function's body with helpers the page does not have.
    return (await page.evaluate(DRAW_IN_PAGE)) as number;
  } finally {
    await browser.close();
  }
}

/**
 * Looking inside (issue 11): what the live probe costs a training run (the
 * reference model, with and without a watched sample, interleaved rounds)
 * and the time to draw a 100-step x 128-unit heatmap in Chromium.
 */
export const probeBench: BenchModule = {
  name: 'probe',
  async run(): Promise<Figure[]> {
    await selectBackend('wasm');
    const load = os.loadavg()[0].toFixed(1);
    const plain: number[] = [];
    const probed: number[] = [];
    let interval = 0;
    for (let r = 0; r < ROUNDS; r++) {
      plain.push((await epochRate(false)).rate);
      const p = await epochRate(true);
      probed.push(p.rate);
      interval = p.interval;
    }
    const overhead = 1 - median(probed) / median(plain);
    const draw = await heatmapDrawMs();
    return [
      {
        name: 'probeOverheadShare', value: overhead * 100, unit: '%', target: `< ${PROBE_SHARE * 100}%`, pass: overhead < PROBE_SHARE,
        note: `reference model on wasm, ${median(plain).toFixed(0)} samples/s plain vs ${median(probed).toFixed(0)} probed (every ${interval} batches), median of ${ROUNDS} interleaved rounds, load ${load}`,
      },
      draw === null
        ? { name: 'heatmapDrawMs', value: null, unit: 'ms', note: `no Chromium at ${CHROMIUM}` }
        : { name: 'heatmapDrawMs', value: draw, unit: 'ms', target: '< 16 ms', pass: draw < 16, note: '100 steps x 128 units, median of 21 draws in Chromium' },
    ];
  },
};
