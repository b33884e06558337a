import { SEED_OPTION, defineBuiltin } from '../define';
import { createRng } from '../../random';
import { tableDataset } from '../table';
import { makeVocab } from '../vocab';
import { drawMnist, MNIST_PIXELS as PIXELS, MNIST_SIDE as SIDE } from './mnist-draw';

/**
 * `mnist-rows`: handwritten digits from the `mnist` package (about 10,000
 * images of 28x28, grey levels 0 to 1), read as a sequence of 28 rows of 28
 * pixels: the lecture's non-sequential data read sequentially. A seeded
 * draw picks `count` images.
 *
 * Fields:
 * - `rows` [28, 28] float: 28 steps, one row of 28 pixels each
 * - `image` [28, 28, 1] float: the same pixels as an image (for a convolutional baseline)
 * - `label` [] int: the digit, 0 to 9
 * - `labelOneHot` [10] float: the digit as a one-hot vector
 */
export const mnistRows = defineBuiltin({
  name: 'mnist-rows',
  description: 'handwritten digits (mnist package) read as 28 steps of 28 pixels',
  options: {
    count: { kind: 'int', default: 5000, min: 1, max: 10_000, help: 'images (the package holds about 10,000)' },
    seed: SEED_OPTION,
  },
  fields: [
    { name: 'rows', shape: '[28, 28]', dtype: 'float32', description: '28 steps of 28 pixels (0 to 1)' },
    { name: 'image', shape: '[28, 28, 1]', dtype: 'float32', description: 'the same pixels as an image' },
    { name: 'label', shape: '[]', dtype: 'int32', description: 'the digit, 0 to 9' },
    { name: 'labelOneHot', shape: '[10]', dtype: 'float32', description: 'the digit, one-hot' },
  ],
  ids: 'label: the digit itself',
  async create({ count, seed }, host) {
    const { n, labels, image, notes } = await drawMnist(count, createRng(seed), host);
    const pixels = new Float32Array(n * PIXELS);
    for (let i = 0; i < n; i++) {
      const { data, offset } = image(i);
      for (let p = 0; p < PIXELS; p++) pixels[i * PIXELS + p] = data[offset + p];
    }
    const vocab = makeVocab('0123456789', { sort: false });
    return tableDataset(
      'mnist-rows',
      n,
      {
        rows: { info: { shape: [SIDE, SIDE], dtype: 'float32', description: '28 steps of 28 pixels (0 to 1)' }, data: pixels },
        image: { info: { shape: [SIDE, SIDE, 1], dtype: 'float32', description: 'the same pixels as a 28x28 image' }, data: pixels },
        label: { info: { shape: [], dtype: 'int32', description: 'the digit, 0 to 9', vocab }, data: labels },
        labelOneHot: {
          info: { shape: [10], dtype: 'float32', description: 'the digit, one-hot' },
          fill: (i, out, at) => {
            out[at + labels[i]] = 1;
          },
        },
      },
      notes,
    );
  },
});
