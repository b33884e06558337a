import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { trainShort } from './training-helpers';

async function saveAs(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save As' }).click();
  const dialog = page.getByRole('dialog', { name: 'save as' });
  await dialog.getByLabel('File name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`${name}.seqwire.json`);
}

async function reopenFromRecent(page: Page, file: string): Promise<void> {
  await page.reload();
  // The last project reopens by itself on start; choosing it from Open Recent opens it as well.
  await expect(page.getByRole('status').filter({ hasText: 'Opened' })).toContainText(file);
  await page.getByRole('button', { name: 'Open Recent' }).click();
  await page.getByRole('menu', { name: 'recent projects' }).getByRole('menuitem', { name: file }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opened' })).toContainText(file);
}

/** Generates from the chosen run and expects plotted values. */
async function generates(training: Locator): Promise<void> {
  await training.getByRole('tab', { name: 'Generate' }).click();
  await expect(training.getByText('Train the model first')).toHaveCount(0);
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(training.getByRole('region', { name: 'predicted values' })).toBeVisible({ timeout: 60_000 });
}

test.describe('runs belong to their document', () => {
  test('an unsaved template trained, saved, reloaded and reopened from Recent lists its run, which generates; another document starts with none', async ({ app: page }, testInfo) => {
    test.setTimeout(240_000);
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /template Multilayer stack/ }).click();
    const training = await trainShort(page);
    const runs = training.getByRole('region', { name: 'past runs' });
    await expect(runs.getByRole('row')).toHaveCount(2);

    await saveAs(page, 'waves');
    await expect(runs.getByRole('row')).toHaveCount(2);
    await reopenFromRecent(page, 'waves.seqwire.json');
    await page.getByRole('button', { name: 'Training panel' }).click();
    await expect(runs.getByRole('row')).toHaveCount(2);
    await expect(runs.getByRole('cell', { name: 'done' })).toBeVisible();
    await runs.getByRole('row').nth(1).getByRole('button').click();
    const details = training.getByRole('group', { name: /^details of run/ });
    await expect(details.getByRole('table', { name: 'run settings' })).toContainText('adam');
    await expect(details.getByRole('table', { name: 'loss per output' })).toContainText('next');
    await runs.screenshot({ path: testInfo.outputPath('runs-table.png') });
    await generates(training);
    await training.screenshot({ path: testInfo.outputPath('generate.png') });

    // Another document: no runs, no old status, no old results.
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('button', { name: /template Many to many/ }).click();
    await expect(training.getByText('Train the model first')).toBeVisible();
    await training.getByRole('tab', { name: 'Train' }).click();
    await expect(training.getByText('No runs yet for this project.')).toBeVisible();
    await expect(training.getByRole('status', { name: 'training status' })).not.toHaveText(/done/);
  });

  test('an imported model keeps its weights as a run, which Save takes along and which generates after reopening from Recent', async ({ app: page }) => {
    test.setTimeout(240_000);
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /template Multilayer stack/ }).click();
    const training = await trainShort(page);
    await training.getByRole('tab', { name: 'Generate' }).click();
    await training.getByRole('button', { name: 'Export TF.js' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'save as' });
    await exportDialog.getByLabel('File name').fill('exported');
    await exportDialog.getByRole('button', { name: 'Save' }).click();
    await expect(training.getByRole('status').filter({ hasText: 'Wrote 3 files' })).toBeVisible();

    await training.getByRole('button', { name: 'Import a model…' }).click();
    const open = page.getByRole('dialog', { name: 'open a file' });
    await open.getByRole('button', { name: 'folder exported' }).click();
    await open.getByRole('button', { name: 'file model.json' }).click();
    // The trained template was never saved: the app asks before the imported model replaces it.
    const ask = page.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await expect(ask).toContainText('importing the model');
    await ask.getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('first run');
    await training.getByRole('tab', { name: 'Train' }).click();
    const runs = training.getByRole('region', { name: 'past runs' });
    await expect(runs.getByRole('row')).toHaveCount(2);

    await saveAs(page, 'imported');
    await reopenFromRecent(page, 'imported.seqwire.json');
    await page.getByRole('button', { name: 'Training panel' }).click();
    await expect(runs.getByRole('row')).toHaveCount(2);
    await expect(runs).toContainText('imported');
    await generates(training);
  });
});
