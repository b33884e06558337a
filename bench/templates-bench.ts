import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchModule, Figure } from './measure';
import { onOff } from './train-bench';
import { templateWithData } from './train-reference';

/**
 * Every shipped template trained on wasm with Seqwire's fused kernels
 * (recurrent layers and Adam, and the whole step in one call where the
 * model takes it), without them (plain tfjs, as before the kernels), and
 * with the fused layers inside tfjs's step, interleaved: no template may be
 * slower with them. Each template's
 * data is cut to a few batches so that the module stays a few minutes long.
 */
async function templatesOnOff(): Promise<Figure[]> {
  const dir = join(import.meta.dirname, '../assets/templates');
  const names = readdirSync(dir).filter((f) => f.endsWith('.seqwire.json')).map((f) => f.replace('.seqwire.json', '')).sort();
  const ratios: { name: string; on: number; off: number; layers: number; ratio: number; whole: boolean }[] = [];
  for (const name of names) {
    // 16 batches: with 4, an epoch of a slow template lasted some 80 ms and the ratios moved by ±5 % from run to run.
    // The exploding-gradients lab diverges by design within a dozen batches: 4 of them.
    const { graph, dataset } = await templateWithData(name, { batches: name === 'exploding-gradients' ? 4 : 16 });
    const r = await onOff(graph, dataset, true);
    ratios.push({ name, on: r.on, off: r.off, layers: r.layers, ratio: r.ratio, whole: r.use.includes('step: one kernel call') });
  }
  const whole = ratios.filter((r) => r.whole);
  const slower = ratios.filter((r) => r.ratio < 1);
  return [
    {
      name: 'templatesSlowerFused', value: slower.length, unit: `of ${ratios.length}`, target: '0', pass: slower.length === 0,
      note: `fused ÷ plain, the median of each round's pair: ${ratios.map((r) => `${r.name} ${r.ratio.toFixed(2)}× (${r.on.toFixed(0)} vs ${r.off.toFixed(0)} samples/s)`).join('; ')}`,
    },
    {
      name: 'templatesWholeStep', value: whole.length, unit: `of ${ratios.length}`,
      note: `trained in one kernel call a step; over the fused layers inside tfjs's step: ${whole.map((r) => `${r.name} ${(r.on / r.layers).toFixed(2)}×`).join(', ')}`,
    },
  ];
}

export const templatesBench: BenchModule = { name: 'templates', run: templatesOnOff };
