import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }];

/** Opens a template, sets a few training options, trains it and opens the Generate tab. */
async function trainTemplate(page: Page, name: RegExp, settings: { count?: string; epochs: string }): Promise<Locator> {
  await page.getByRole('button', { name }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  if (settings.count) {
    await training.getByText('Dataset options', { exact: true }).click();
    await training.getByLabel('count', { exact: true }).fill(settings.count);
  }
  await training.getByLabel('Epochs').fill(settings.epochs);
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 240_000 });
  await training.getByRole('tab', { name: 'Generate' }).click();
  return training;
}

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('the gallery files digits read row by row under non-sequential data read sequentially, and a clip classifier under the patterns', async ({ app: page }, testInfo) => {
      const gallery = page.getByRole('dialog', { name: 'templates' });
      const sequential = gallery.getByRole('region', { name: 'Non-sequential data, read sequentially' });
      await expect(sequential.getByRole('button', { name: /template Digits read row by row/ })).toBeVisible();
      await expect(gallery.getByRole('region', { name: 'Sequence patterns' }).getByRole('button', { name: /template Many to one: which way a clip moves/ })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`gallery-${size.width}.png`) });
    });

    test('captions: generated for pictures of the validation split, each beside its picture and true caption with a tick or a cross', async ({ app: page }, testInfo) => {
      test.setTimeout(300_000);
      const training = await trainTemplate(page, /template One to many: captioning a picture/, { epochs: '3' });
      await training.getByLabel('Samples', { exact: true }).fill('6');
      await training.getByLabel(/^Temperature/).fill('0.05');
      await training.getByRole('button', { name: 'Generate', exact: true }).click();
      const generated = training.getByRole('region', { name: 'generated sequences' });
      await expect(generated.getByRole('status')).toHaveText(/^\d of 6 right, on validation samples, which the model did not train on\.$/, { timeout: 60_000 });
      await expect(generated.getByRole('img', { name: /^picture of sample \d$/ })).toHaveCount(6);
      const rows = generated.getByRole('row', { name: /^sample \d \(#\d+\): .+, truth (small|big) \w+ (top|bottom) (left|right), (right|wrong)$/ });
      await expect(rows).toHaveCount(6);
      await generated.scrollIntoViewIfNeeded();
      await generated.screenshot({ path: testInfo.outputPath(`captions-${size.width}.png`) });
    });
  });
}

test('addition: questions read as written beside the true sum; a typed "12+345" is asked as typed', async ({ app: page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const training = await trainTemplate(page, /template Sequence to sequence: learning to add/, { count: '600', epochs: '1' });
  await training.getByLabel('Samples', { exact: true }).fill('4');
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  const generated = training.getByRole('region', { name: 'generated sequences' });
  await expect(generated.getByRole('row', { name: /^sample \d \(#\d+\): \d{1,3}\+\d{1,3} → [\d?]*, truth \d+, (right|wrong)$/ })).toHaveCount(4, { timeout: 60_000 });
  await generated.screenshot({ path: testInfo.outputPath('addition-samples.png') });
  await training.getByLabel('question').fill('12+345');
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(generated.getByRole('row', { name: /^sample 1: 12\+345 → / })).toBeVisible({ timeout: 60_000 });
  // A typed question has no truth in the data: nothing is ticked.
  await expect(generated.getByRole('status')).toHaveCount(0);
});

test('video: a clip classifier names each held-out clip\'s direction beside the truth, right or wrong', async ({ app: page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const training = await trainTemplate(page, /template Many to one: which way a clip moves/, { epochs: '6' });
  const samples = training.getByRole('region', { name: 'validation samples' });
  await samples.getByLabel('Samples to show').fill('8');
  await samples.getByRole('button', { name: 'Show predictions' }).click();
  const table = samples.getByRole('table', { name: 'predictions of direction' });
  await expect(table.getByRole('row')).toHaveCount(9, { timeout: 60_000 });
  await expect(table).toContainText(/(left|right|up|down) \(\d+%\)/);
  await samples.screenshot({ path: testInfo.outputPath('video-samples.png') });
});

test('online labelling: a one-directional labeller shown on held-out clips, each frame named, the first frames the ones it must guess', async ({ app: page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const training = await trainTemplate(page, /template Online, frame by frame/, { epochs: '4' });
  const samples = training.getByRole('region', { name: 'validation samples' });
  await samples.getByLabel('Samples to show').fill('6');
  await samples.getByRole('button', { name: 'Show predictions' }).click();
  const strip = samples.getByRole('figure', { name: 'per-step predictions of labels' });
  await expect(strip.getByRole('table')).toHaveCount(6, { timeout: 60_000 });
  await expect(strip.getByRole('list', { name: 'classes' })).toContainText(/left|right|up|down/);
  await strip.screenshot({ path: testInfo.outputPath('online-strip.png') });
});
