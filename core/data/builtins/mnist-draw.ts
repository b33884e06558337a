import type { Rng } from '../../random';
import { shuffleInPlace } from '../../random';
import type { DataHost } from '../define';
import { importPackageJson } from '../package-data';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/** A seeded draw of the `mnist` package's digits: image i's label, and where its 28 x 28 grey levels (0 to 1) start in `data`. */
export interface MnistDraw {
  n: number;
  labels: Int32Array;
  image(i: number): { data: number[]; offset: number };
  /** What the user should know: a count larger than the package. */
  notes: string[];
}

/**
 * The digits the mnist builtins read (about 10,000 images), in an order
 * shuffled by `rng`, cut to `count`; `rng` goes on from there for the caller.
 */
export async function drawMnist(count: number, rng: Rng, host?: Pick<DataHost, 'importJson'>): Promise<MnistDraw> {
  const importJson = host?.importJson ?? importPackageJson;
  const perDigit: number[][] = [];
  for (let d = 0; d < 10; d++) perDigit.push(((await importJson(`mnist/src/digits/${d}.json`)) as { data: number[] }).data);
  const all: [number, number][] = perDigit.flatMap((data, digit) => Array.from({ length: Math.floor(data.length / MNIST_PIXELS) }, (_, k): [number, number] => [digit, k]));
  const order = shuffleInPlace(Int32Array.from(all.keys()), rng);
  const n = Math.min(count, all.length);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = all[order[i]][0];
  return {
    n,
    labels,
    image: (i) => {
      const [digit, k] = all[order[i]];
      return { data: perDigit[digit], offset: k * MNIST_PIXELS };
    },
    notes: count > all.length ? [`the mnist package holds ${all.length} images; count ${count} gave all of them`] : [],
  };
}
