import { expect, test } from './fixtures';
import { buildStrokeGenerator, canvas, node, startEmpty } from './canvas-helpers';

test.describe('training, generating and saving from the window', () => {
  test('a stroke generator trains one short epoch, draws strokes, saves and opens again', async ({ app: page, server }) => {
    test.setTimeout(240_000);
    await startEmpty(page);
    await buildStrokeGenerator(page);

    await page.getByRole('button', { name: 'Training panel' }).click();
    const training = page.getByRole('complementary', { name: 'training' });
    await training.getByLabel('Dataset', { exact: true }).selectOption('builtin:hershey-strokes');
    // Fields are bound where shapes fit, without being asked.
    await expect(training.getByLabel('field for sequenceInput')).toHaveValue('strokesIn');
    await expect(training.getByLabel('field for output')).toHaveValue('strokesOut');
    await training.getByText('Dataset options', { exact: true }).click();
    await training.getByLabel('count', { exact: true }).fill('64');
    await training.getByLabel('Epochs').fill('1');
    await training.getByLabel('Batch size').fill('16');
    // Typed key by key, as a person types: "0.00" on the way to 0.005 must stay in the box.
    await training.getByLabel('Learning rate').fill('');
    await training.getByLabel('Learning rate').pressSequentially('0.005');
    await expect(training.getByLabel('Learning rate')).toHaveValue('0.005');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(training.getByRole('status', { name: 'training status' })).toHaveText(/done/, { timeout: 180_000 });
    await expect(training.getByRole('progressbar', { name: 'training progress' })).toHaveAttribute('aria-valuenow', '100');
    await expect(training.getByRole('figure', { name: 'loss chart' })).toHaveAttribute('data-points', /^[1-9]\d*$/);
    await expect(training.getByRole('region', { name: 'past runs' }).getByRole('row')).toHaveCount(2);

    await training.getByRole('tab', { name: 'Generate' }).click();
    await training.getByLabel('Samples').fill('2');
    await training.getByRole('button', { name: 'Generate', exact: true }).click();
    const drawings = training.getByRole('img', { name: /^generated drawing/ });
    await expect(drawings).toHaveCount(2, { timeout: 60_000 });
    // The canvases are not blank once the pen has moved across them.
    await expect.poll(async () => {
      let inked = 0;
      for (const drawing of await drawings.all()) {
        // Only drawings with points count: one the model ended at once carries a note, not strokes.
        if (Number(await drawing.getAttribute('data-points')) === 0) continue;
        inked += await drawing.evaluate((c: HTMLCanvasElement) => {
          const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
          return n;
        });
      }
      return inked;
    }).toBeGreaterThan(20);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saveAs = page.getByRole('dialog', { name: 'save as' });
    await saveAs.getByLabel('File name').fill('strokes');
    await saveAs.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('strokes.seqwire.json');
    await expect(page.getByRole('status', { name: 'unsaved changes' })).toHaveCount(0);

    await page.reload();
    // The last project reopens by itself; opening it from the folder works as well.
    await expect(node(page, 'lstm')).toBeVisible();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('dialog', { name: 'open a file' }).getByRole('button', { name: 'file strokes.seqwire.json' }).click();
    await expect(node(page, 'lstm')).toBeVisible();
    await expect(node(page, 'output')).toContainText('mdn × 3');
    await expect(canvas(page).getByText('[T, 16]', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText(server.projectDir);
    // And it is in Open Recent.
    await page.getByRole('button', { name: 'Open Recent' }).click();
    await expect(page.getByRole('menu', { name: 'recent projects' }).getByRole('menuitem', { name: 'strokes.seqwire.json' })).toBeVisible();
  });
});

test('a training error is shown in the panel with what to change, and the graph stays', async ({ app: page }) => {
  await page.getByRole('button', { name: /template Stroke/ }).click();
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  await expect(training.getByLabel('field for pen')).toHaveValue('strokesOut');
  await training.getByLabel('field for pen').selectOption('label');
  await expect(training.getByText('shape does not fit')).toBeVisible();
  await training.getByRole('button', { name: 'Train', exact: true }).click();
  const error = training.getByRole('alert').filter({ hasText: 'Training stopped' });
  await expect(error).toContainText('label', { timeout: 60_000 });
  await expect(error).toContainText('choose a field whose shape matches');
  await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('3 nodes');
});
