import { expect, test } from './fixtures';
import { trainShort } from './training-helpers';

test('the attention template, trained one short epoch, shows inside: the encoder unrolled with its states and gates, a pinned wire viewer, and the attention map', async ({ app: page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: /template Sequence to sequence with attention/ }).click();
  const training = await trainShort(page, { count: 200, timeout: 180_000 });

  await training.getByRole('tab', { name: 'Inside' }).click();
  const inside = training.getByRole('region', { name: 'inside the network' });
  const nodes = inside.getByRole('tablist', { name: 'nodes to look inside' });
  await expect(nodes.getByRole('tab', { name: 'encoder' })).toBeVisible({ timeout: 60_000 });
  await nodes.getByRole('tab', { name: 'encoder' }).click();
  // The encoder read the question: one unrolled cell per character, states and the four LSTM gates as maps.
  await expect(inside.getByRole('img', { name: 'encoder through time' })).toBeVisible();
  await expect(inside.getByRole('img', { name: /^encoder: hidden state h, steps x units: \d+ steps x 128 units$/ })).toBeVisible();
  await expect(inside.getByRole('img', { name: /^forget gate f/ })).toBeVisible();
  await expect(inside.getByText(/% saturated/).first()).toBeVisible();
  await inside.screenshot({ path: testInfo.outputPath('inside-encoder.png') });

  // The decoder, unrolled over the answer it was taught.
  await nodes.getByRole('tab', { name: 'decoder' }).click();
  await expect(inside.getByRole('img', { name: 'decoder through time' })).toBeVisible();

  // The decoder unrolled in place on the canvas, and rolled up again: a view, never an edit.
  const undoBefore = await page.getByRole('button', { name: 'Undo' }).isDisabled();
  const statusBefore = await page.getByRole('contentinfo', { name: 'status' }).textContent();
  const decoderNode = page.getByTestId('node-decoder');
  await decoderNode.getByRole('button', { name: 'unroll decoder through time' }).click();
  await expect(decoderNode.getByRole('img', { name: 'decoder through time' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('unrolled-on-canvas.png') });
  await decoderNode.getByRole('button', { name: 'unroll decoder through time' }).click();
  await expect(decoderNode.getByRole('img', { name: 'decoder through time' })).toHaveCount(0);
  expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(undoBefore);
  await expect(page.getByRole('contentinfo', { name: 'status' })).toHaveText(statusBefore ?? '');

  // A viewer pinned on the encoder's output wire.
  await inside.getByLabel('pin a viewer on a wire').selectOption('encoder.out');
  await expect(inside.getByRole('region', { name: 'viewer of encoder.out' }).getByRole('img')).toBeVisible();
  // A wire clicked on the canvas is pinned too.
  await page.locator('.react-flow__edge[aria-label^="wire join.out to mix.in"]').click();
  await expect(inside.getByRole('region', { name: 'viewer of join.out' }).getByRole('img')).toBeVisible();

  // The attention map: one row per answer step, rows summing to 1 (checked in core), hover reads a weight.
  await nodes.getByRole('tab', { name: 'attention' }).click();
  const map = inside.getByRole('table', { name: /^attention: \d+ query steps x \d+ value steps$/ });
  await expect(map).toBeVisible();
  // Every cell names who looks at what, with its weight.
  await expect(map.getByRole('cell', { name: /^<start> looks at .+: 0\.\d{3}$/ }).first()).toBeVisible();
  await inside.screenshot({ path: testInfo.outputPath('inside-attention.png') });

  // Another sample is another probe.
  await inside.getByLabel('sample', { exact: true }).fill('3');
  await inside.getByRole('button', { name: 'Probe' }).click();
  await expect(inside.getByText(/sample 4 of \d+ \(validation\)/)).toBeVisible();

  // Step-by-step: one batch trains and pauses; the pinned viewer shows the encoder's new output for the same sample.
  const viewer = inside.getByRole('region', { name: 'viewer of encoder.out' });
  await expect(viewer).toBeVisible();
  const before = await viewer.getByRole('img').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await inside.getByRole('button', { name: 'Step 1 batch' }).click();
  await expect(inside.getByRole('status', { name: 'live probe' })).toHaveText(/^paused at epoch 1, batch 1$/, { timeout: 60_000 });
  await expect.poll(() => viewer.getByRole('img').evaluate((c: HTMLCanvasElement) => c.toDataURL()), { timeout: 30_000 }).not.toBe(before);
  await inside.getByRole('button', { name: 'Step 1 batch' }).click();
  await expect(inside.getByRole('status', { name: 'live probe' })).toHaveText(/^paused at epoch 1, batch 2$/, { timeout: 30_000 });
  await inside.screenshot({ path: testInfo.outputPath('inside-stepped.png') });
  // At 1024x700 the Inside tab still shows its controls and the pinned viewer.
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(inside.getByRole('button', { name: 'Step 1 batch' })).toBeVisible();
  await viewer.scrollIntoViewIfNeeded();
  await expect(viewer.getByRole('img')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('inside-1024.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await training.getByRole('tab', { name: 'Train' }).click();
  await training.getByRole('button', { name: 'Cancel' }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/cancelled|stopped/, { timeout: 30_000 });
});

test('a graph with feedback shows its loop on the canvas, from the Output back to the input it feeds', async ({ app: page }, testInfo) => {
  for (const [width, height] of [[1440, 900], [1024, 700]]) {
    await page.setViewportSize({ width, height });
    if (width === 1440) await page.getByRole('button', { name: /template Sequence to sequence: learning to add/ }).click();
    const loop = page.locator('.react-flow__edge-feedback');
    await expect(loop).toHaveCount(1);
    await expect(page.getByText('sample fed back, next step')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`feedback-loop-${width}.png`) });
  }
});
