import { expect, test } from './fixtures';

test('digits by glimpses, trained one short epoch: the Inside tab draws where each glimpse looked and the class probabilities after each', async ({ app: page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: /template Digits by glimpses/ }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await training.getByText('Dataset options', { exact: true }).click();
  await training.getByLabel('count', { exact: true }).fill('400');
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 180_000 });

  await training.getByRole('tab', { name: 'Inside' }).click();
  const inside = training.getByRole('region', { name: 'inside the network' });
  await expect(inside.getByRole('tablist', { name: 'nodes to look inside' }).getByRole('tab', { name: 'glimpses' })).toBeVisible({ timeout: 60_000 });
  const view = inside.getByRole('region', { name: 'glimpses of glimpses' });
  await expect(view).toBeVisible();
  await expect(inside.getByText(/sample 1 of 40 \(validation\)/)).toBeVisible();

  // All four glimpses drawn, the last one current; its 6 x 6 filters as dots.
  const picture = view.getByRole('img', { name: /^glimpses: the 40 x 40 image with glimpses 1 to 4; glimpse 4 centred at/ });
  await expect(picture).toBeVisible();
  await expect(picture.locator('g[data-step]')).toHaveCount(4);
  await expect(picture.locator('g.is-current')).toHaveAttribute('data-step', '4');
  await expect(picture.locator('g.is-current circle')).toHaveCount(36);
  await expect(view.getByRole('status', { name: 'current glimpse' })).toHaveText('glimpse 4 of 4');

  // The probabilities: 4 glimpses x 10 classes, the true class marked in the header, a verdict under the grid.
  const grid = view.getByRole('table', { name: 'digit: 4 glimpses x 10 classes' });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: /^\d✓$/ })).toHaveCount(1);
  await expect(grid.getByRole('cell', { name: /^after glimpse 1: \d \d+\.\d%/ })).toHaveCount(10);
  await expect(view.getByRole('status', { name: 'digit verdict' })).toHaveText(/^After glimpse 4: \d \(\d+%\)\. The model predicts \d(, the true class ✓|; the true class is \d ✗)$/);
  await inside.screenshot({ path: testInfo.outputPath('glimpses-1440.png') });

  // Step back to the first glimpse: one box, no later ones; the row of glimpse 1 is current.
  await view.getByRole('button', { name: 'previous glimpse' }).click();
  await view.getByRole('button', { name: 'previous glimpse' }).click();
  await view.getByRole('button', { name: 'previous glimpse' }).click();
  await expect(view.getByRole('status', { name: 'current glimpse' })).toHaveText('glimpse 1 of 4');
  await expect(picture.locator('g[data-step]')).toHaveCount(0);
  const first = view.getByRole('img', { name: /glimpses 1 to 1;/ });
  await expect(first.locator('g[data-step]')).toHaveCount(1);
  await expect(view.getByRole('status', { name: 'digit verdict' })).toHaveText(/^After glimpse 1: /);
  await view.getByLabel('glimpse', { exact: true }).fill('2');
  await expect(view.getByRole('status', { name: 'current glimpse' })).toHaveText('glimpse 2 of 4');
  // What each glimpse read, one small picture per glimpse; choosing one makes it current.
  const reads = view.getByRole('figure', { name: 'what each glimpse of glimpses read' });
  await expect(reads.getByRole('button', { name: /^glimpse \d read$/ })).toHaveCount(4);
  await reads.getByRole('button', { name: 'glimpse 3 read' }).click();
  await expect(view.getByRole('status', { name: 'current glimpse' })).toHaveText('glimpse 3 of 4');
  await expect(reads.getByRole('button', { name: 'glimpse 3 read' })).toHaveAttribute('aria-pressed', 'true');

  // The next validation sample is another digit: another picture.
  const before = await view.locator('.sw-glimpse-image canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await inside.getByRole('button', { name: 'next sample' }).click();
  await expect(inside.getByText(/sample 2 of 40 \(validation\)/)).toBeVisible();
  await expect.poll(() => view.locator('.sw-glimpse-image canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
  await expect(view.getByRole('status', { name: 'current glimpse' })).toHaveText('glimpse 4 of 4');

  // At 1024 x 700 the picture and the grid still show.
  await page.setViewportSize({ width: 1024, height: 700 });
  await view.scrollIntoViewIfNeeded();
  await expect(view.getByRole('img', { name: /glimpses 1 to 4;/ })).toBeVisible();
  await grid.scrollIntoViewIfNeeded();
  await expect(grid).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('glimpses-1024.png') });
});
