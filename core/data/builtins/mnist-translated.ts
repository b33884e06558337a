import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { tableDataset } from '../table';
import { makeVocab } from '../vocab';
import { drawMnist, MNIST_SIDE as SIDE } from './mnist-draw';

/**
 * `mnist-translated`: a handwritten digit (the `mnist` package, 28 × 28)
 * pasted at a random place on a larger black canvas, so that a reader must
 * find it before it can read it: the data of the "digits by glimpses"
 * template. A seeded draw picks the images and the places.
 *
 * Fields:
 * - `image` [canvas, canvas, 1] float: the canvas, grey levels 0 to 1
 * - `label` [] int: the digit, 0 to 9
 * - `place` [2] float: the digit's top-left corner (x, y) in pixels
 */
export const mnistTranslated = defineBuiltin({
  name: 'mnist-translated',
  description: 'handwritten digits (mnist package) at a random place on a larger canvas, for reading by glimpses',
  options: {
    count: { kind: 'int', default: 3600, min: 1, max: 10_000, help: 'images (the package holds about 10,000)' },
    canvas: { kind: 'int', default: 40, min: 28, max: 200, help: 'side of the canvas in pixels' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'image', shape: '[canvas, canvas, 1]', dtype: 'float32', description: 'the canvas with the digit somewhere on it (0 to 1)' },
    { name: 'label', shape: '[]', dtype: 'int32', description: 'the digit, 0 to 9' },
    { name: 'place', shape: '[2]', dtype: 'float32', description: "the digit's top-left corner (x, y) in pixels" },
  ],
  ids: 'label: the digit itself',
  async create({ count, canvas, seed }, host) {
    // One generator: the draw of images first, then the places.
    const rng = createRng(seed);
    const { n, labels, image, notes } = await drawMnist(count, rng, host);
    const area = canvas * canvas;
    const pixels = new Float32Array(n * area);
    const places = new Float32Array(n * 2);
    const room = canvas - SIDE;
    for (let i = 0; i < n; i++) {
      const x0 = Math.floor(rng.uniform(0, room + 1));
      const y0 = Math.floor(rng.uniform(0, room + 1));
      places[2 * i] = x0;
      places[2 * i + 1] = y0;
      const { data, offset } = image(i);
      for (let y = 0; y < SIDE; y++) {
        for (let x = 0; x < SIDE; x++) pixels[i * area + (y0 + y) * canvas + x0 + x] = data[offset + y * SIDE + x];
      }
    }
    const vocab = makeVocab('0123456789', { sort: false });
    return tableDataset(
      'mnist-translated',
      n,
      {
        image: { info: { shape: [canvas, canvas, 1], dtype: 'float32', description: `a ${canvas}x${canvas} canvas with a digit somewhere on it` }, data: pixels },
        label: { info: { shape: [], dtype: 'int32', description: 'the digit, 0 to 9', vocab }, data: labels },
        place: { info: { shape: [2], dtype: 'float32', description: "the digit's top-left corner (x, y)" }, data: places },
      },
      notes,
    );
  },
});
