import { expect, test } from './fixtures';
import { trainShort } from './training-helpers';

test('a per-step labeller trains one short epoch and shows, on validation samples, its label at every step against the truth', async ({ app: page }, testInfo) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: /template Many to many/ }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await expect(training.getByLabel('field for labels')).toHaveValue('labels');
  await training.getByText('Dataset options', { exact: true }).click();
  await training.getByLabel('count', { exact: true }).fill('64');
  await training.getByLabel('Epochs').fill('1');
  await training.getByLabel('Batch size').fill('16');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 150_000 });

  await training.getByRole('tab', { name: 'Generate' }).click();
  const samples = training.getByRole('region', { name: 'validation samples' });
  await samples.getByLabel('Samples to show').fill('4');
  await samples.getByRole('button', { name: 'Show predictions' }).click();
  // 64 clips with validationSplit 0.1 keep 6 for validation; 4 of them are shown.
  await expect(samples.getByRole('status')).toContainText('4 of 6 validation samples', { timeout: 60_000 });
  const strip = samples.getByRole('figure', { name: 'per-step predictions of labels' });
  const rows = strip.getByRole('table', { name: /^sample \d: \d+ of 16 steps right$/ });
  await expect(rows).toHaveCount(4);
  // Every step shows what the model said and, beneath, what was true, by the names of the directions.
  const first = rows.first();
  await expect(first.getByRole('cell', { name: /^step \d+: model (left|right|up|down) \(\d+%\), (right|wrong: truth (left|right|up|down))$/ })).toHaveCount(16);
  await expect(first.getByRole('cell', { name: /^step \d+: truth (left|right|up|down)$/ })).toHaveCount(16);
  await expect(strip.getByRole('list', { name: 'classes' })).toContainText(/left|right|up|down/);
  // The marks agree with the caption: the wrong cells of each row are its steps not right.
  for (const row of await rows.all()) {
    const name = (await row.getAttribute('aria-label')) ?? '';
    const right = Number(/(\d+) of 16/.exec(name)?.[1]);
    await expect(row.getByRole('cell', { name: /, wrong: / })).toHaveCount(16 - right);
  }
  await samples.screenshot({ path: testInfo.outputPath('per-step-strip.png') });

  // Other samples are another draw of the same split.
  const drawn = await samples.getByRole('status').textContent();
  await samples.getByRole('button', { name: 'Other samples' }).click();
  await expect(samples.getByRole('status')).not.toHaveText(drawn ?? '');
  await expect(samples.getByRole('status')).toContainText('4 of 6 validation samples');
  await expect(strip.getByRole('table')).toHaveCount(4);
});

test('a forecaster trained one short epoch plots, for validation samples, the history, the next value, its prediction and its own forecast fed back', async ({ app: page }, testInfo) => {
  test.setTimeout(180_000);
  await page.getByRole('button', { name: /template Multilayer stack/ }).click();
  const training = await trainShort(page);

  await training.getByRole('tab', { name: 'Generate' }).click();
  const samples = training.getByRole('region', { name: 'validation samples' });
  await samples.getByLabel('Samples to show').fill('2');
  await samples.getByRole('button', { name: 'Show predictions' }).click();
  const forecasts = samples.getByRole('group', { name: 'forecasts of next' });
  const plots = forecasts.getByRole('figure', { name: /^sample \d \(#\d+\)$/ });
  await expect(plots).toHaveCount(2, { timeout: 60_000 });
  // 32 steps of history, then the truth and the prediction of the step after.
  await expect(plots.first()).toHaveAttribute('data-points', '34');
  // The template feeds `next` back into `history`: generate carries the forecast on for a window's length.
  await expect(plots.first()).toHaveAttribute('data-fed-back', '32', { timeout: 60_000 });
  await expect(forecasts.getByRole('list', { name: 'forecast legend' })).toContainText('forecast fed back');
  await forecasts.getByLabel('Signal').selectOption('3');
  await expect(plots).toHaveCount(2);
  await samples.screenshot({ path: testInfo.outputPath('forecast.png') });
});
