import { expect, test } from './fixtures';

test('the class-conditional strokes template trains briefly, then draws the digit typed in Generate, each drawing captioned with it', async ({ app: page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: /template Class-conditional strokes/ }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  // The digit is an input of the graph, bound to the dataset's labelIn.
  await expect(training.getByLabel('field for digit')).toHaveValue('labelIn');
  await training.getByText('Dataset options', { exact: true }).click();
  await training.getByLabel('count', { exact: true }).fill('64');
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 240_000 });

  await training.getByRole('tab', { name: 'Generate' }).click();
  await training.getByLabel('Samples').fill('3');
  await training.getByLabel('digit', { exact: true }).fill('x');
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(training.getByRole('alert')).toContainText('"x" is not in the vocabulary (0123456789)');

  await training.getByLabel('digit', { exact: true }).fill('3');
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(training.getByRole('img', { name: /^generated drawing \d, asked for 3$/ })).toHaveCount(3, { timeout: 60_000 });
  await expect(training.getByText('asked for 3')).toHaveCount(3);
  await training.getByRole('region', { name: 'generated strokes' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('class-conditional-generate.png') });

  // Left empty, the digits come from the data's first examples, one of each in turn.
  await training.getByLabel('digit', { exact: true }).fill('');
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(training.getByText('asked for 1')).toHaveCount(1, { timeout: 60_000 });
  await expect(training.getByText('asked for 0')).toHaveCount(1);
});
