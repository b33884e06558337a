import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Draws a short hook on the primer pad with the mouse, as a person starts a drawing. */
async function drawPrimer(page: Page, pad: Locator): Promise<void> {
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  for (const [x, y] of [[60, 36], [80, 40], [96, 54], [100, 72]]) await page.mouse.move(box.x + x, box.y + y, { steps: 2 });
  await page.mouse.up();
}

test('a generated drawing replays step by step: the primer apart from the model, and at each step the Gaussians and pen probabilities it was drawn from', async ({ app: page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: /template Stroke/ }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await training.getByText('Dataset options', { exact: true }).click();
  await training.getByLabel('count', { exact: true }).fill('64');
  await training.getByLabel('Epochs').fill('1');
  await training.getByLabel('Batch size').fill('16');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 180_000 });

  await training.getByRole('tab', { name: 'Generate' }).click();
  await training.getByLabel('Samples').fill('2');
  await drawPrimer(page, training.getByRole('img', { name: /^primer: draw the start/ }));
  await training.getByRole('button', { name: 'Generate', exact: true }).click();

  const replay = training.getByRole('group', { name: 'stroke replay' });
  await expect(replay).toBeVisible({ timeout: 60_000 });
  await expect(replay.getByRole('list', { name: 'replay legend' })).toContainText('your primer');
  await expect(replay.getByRole('list', { name: 'replay legend' })).toContainText("model's continuation");
  const picture = replay.getByRole('img', { name: /^replay of drawing 1/ });
  // It opens where the model takes over: the primer drawn, the first mixture shown.
  await expect(picture).toHaveAttribute('aria-label', /drawn from 20 Gaussians/);
  const primed = Number(await picture.getAttribute('data-step'));
  expect(primed).toBeGreaterThan(2);

  // Scrub two steps into the model's part.
  const scrubber = replay.getByRole('slider', { name: 'replay step' });
  const last = Number(await scrubber.getAttribute('max'));
  const target = Math.min(primed + 2, last - 1);
  await scrubber.fill(String(target));
  await expect(picture).toHaveAttribute('data-step', String(target));
  await expect(picture).toHaveAttribute('aria-label', new RegExp(`step ${target + 1} of ${last}: drawn from 20 Gaussians, the heaviest weighing 0\\.\\d\\d`));
  await expect(picture.locator('ellipse').first()).toBeVisible();
  expect(await picture.locator('ellipse').count()).toBeGreaterThan(0);
  const pen = replay.getByRole('list', { name: 'pen probabilities' });
  await expect(pen.getByRole('listitem')).toHaveCount(3);
  const shares = await Promise.all(['pen down', 'pen up', 'end'].map(async (name) => Number(/(\d+)%$/.exec((await pen.getByRole('listitem', { name: new RegExp(`^${name} \\d+%$`) }).getAttribute('aria-label'))!)![1])));
  expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(98);
  expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(102);
  await replay.screenshot({ path: testInfo.outputPath('replay-1440.png') });

  // Back into the primer: no mixture there, the primer's own steps.
  await scrubber.fill('1');
  await expect(picture).toHaveAttribute('aria-label', /the primer$/);
  await expect(picture.locator('ellipse')).toHaveCount(0);

  // Play moves on by itself; Pause holds it.
  await replay.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => Number(await picture.getAttribute('data-step'))).toBeGreaterThan(2);
  await replay.getByRole('button', { name: 'Pause' }).click();

  // Another drawing: its mixtures are fetched for it (the same seed draws the same drawings).
  await replay.getByLabel('drawing to replay').selectOption('2');
  const second = replay.getByRole('img', { name: /^replay of drawing 2/ });
  await expect(second).toHaveAttribute('aria-label', /drawn from 20 Gaussians/, { timeout: 30_000 });
  await expect(second.locator('ellipse').first()).toBeVisible();
  // It is the drawing of the second thumbnail, asked again with the same seed, not another one.
  const thumbnail = training.getByRole('img', { name: 'generated drawing 2' });
  await expect(second).toHaveAttribute('data-points', (await thumbnail.getAttribute('data-points'))!);
  await expect(training.getByRole('region', { name: 'generated strokes' }).getByRole('alert')).toHaveCount(0);

  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(replay).toBeVisible();
  await replay.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('replay-1024.png') });
});
