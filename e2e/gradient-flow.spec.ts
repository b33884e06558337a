import { expect, test } from './fixtures';

test('the gradient-flow template: per-output losses, gradient flow before training and after each epoch, norms before and after clipping', async ({ app: page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: /template Vanilla RNN against LSTM/ }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await training.getByLabel('Epochs').fill('2');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 240_000 });
  // Two heads, two lines each (train and validation).
  await expect(training.getByRole('figure', { name: 'loss per output chart' })).toHaveAttribute('data-points', '8');
  const flow = training.getByRole('figure', { name: 'gradient flow chart' });
  const slider = training.getByRole('slider', { name: 'gradient flow epoch' });
  // Before training, after epoch 1, after epoch 2.
  await expect(slider).toHaveAttribute('max', '2');
  await slider.fill('0');
  await expect(training.getByText('before training')).toBeVisible();
  await expect(flow).toHaveAttribute('data-points', /^[1-9]\d*$/);
  await expect(training.getByRole('figure', { name: 'gradient norm chart' })).toHaveAttribute('data-points', '4');
  await flow.scrollIntoViewIfNeeded();
  await training.getByRole('region', { name: 'charts' }).screenshot({ path: testInfo.outputPath('gradient-flow.png') });
});
