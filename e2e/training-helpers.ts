import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Opens the training panel and trains the document on screen one short epoch
 * over `count` samples of its dataset (the Multilayer stack template trains
 * in seconds at 64); gives the training panel.
 */
export async function trainShort(page: Page, { count = 64, timeout = 150_000 }: { count?: number; timeout?: number } = {}): Promise<Locator> {
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await training.getByText('Dataset options', { exact: true }).click();
  await training.getByLabel('count', { exact: true }).fill(String(count));
  await training.getByLabel('Epochs').fill('1');
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout });
  return training;
}
