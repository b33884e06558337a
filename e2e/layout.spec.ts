import type { Locator, Page } from '@playwright/test';
import { canvas, inspector, select, startEmpty } from './canvas-helpers';
import { expect, test } from './fixtures';
import { trainShort } from './training-helpers';

/** The app must be whole from 1024x700 up: nothing off screen, nothing scrolls sideways, the canvas keeps room. */
const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }, { width: 1920, height: 1080 }];

async function openTemplate(page: Page, title: RegExp) {
  await page.getByRole('button', { name: title }).click();
  await expect(page.getByRole('dialog', { name: 'templates' })).toBeHidden();
}

async function noSidewaysScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
}

/** An element scrolls sideways when what it holds is wider than it is. */
async function holdsItsWidth(box: Locator) {
  const { scroll, client } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll, 'content wider than its box').toBeLessThanOrEqual(client);
}

/** The box is on screen in full: inside the window's width, above the status bar. */
async function inView(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const status = (await page.getByRole('contentinfo', { name: 'status' }).boundingBox())!;
  const width = page.viewportSize()!.width;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(status.y);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });

    test('every toolbar command is on screen, the page never scrolls sideways, and the training panel leaves the canvas room', async ({ app: page }, testInfo) => {
      await openTemplate(page, /template Sequence to sequence: learning to add/);
      await noSidewaysScroll(page);
      const toolbar = page.getByRole('toolbar', { name: 'commands' });
      for (const button of await toolbar.getByRole('button').all()) {
        const box = (await button.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      }
      // Save is a click or two away at any width.
      if (size.width < 1200) {
        await toolbar.getByRole('button', { name: 'File' }).click();
        await expect(page.getByRole('menuitem', { name: /^Save/ }).first()).toBeVisible();
        await page.keyboard.press('Escape');
      } else {
        await expect(toolbar.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
      }
      // A wide window names every view command instead of showing its icon alone.
      if (size.width >= 1440) for (const name of ['Fit', 'Layout', 'Note', 'Group']) await expect(toolbar).toContainText(name);
      // The inspector shows a selected node's params within the window.
      await select(page, 'encoder');
      await inView(page, inspector(page).getByLabel('units', { exact: true }));
      await holdsItsWidth(inspector(page));
      await page.screenshot({ path: testInfo.outputPath(`editor-${size.width}.png`) });

      await page.getByRole('button', { name: 'Training panel' }).click();
      const training = page.getByRole('complementary', { name: 'training' });
      await expect(training.getByLabel('Dataset', { exact: true })).toBeVisible();
      await noSidewaysScroll(page);
      await holdsItsWidth(training);
      const canvasBox = (await canvas(page).boundingBox())!;
      expect(canvasBox.width).toBeGreaterThanOrEqual(400);
      const trainingBox = (await training.boundingBox())!;
      expect(trainingBox.x + trainingBox.width).toBeLessThanOrEqual(size.width);
      // Room for two columns at every size, and most of the room a wide window has.
      expect(trainingBox.width).toBeGreaterThanOrEqual(size.width < 1200 ? 560 : size.width < 1900 ? 600 : 820);
      // The run's buttons and its loss chart are in view without scrolling, beside the dataset.
      await inView(page, training.getByRole('button', { name: 'Train', exact: true }));
      await inView(page, training.getByRole('figure', { name: 'loss chart' }));
      await inView(page, training.getByLabel('Dataset', { exact: true }));
      // A small canvas shows the graph, not a minimap over a third of it.
      if (canvasBox.width < 720) await expect(page.getByLabel('minimap')).toHaveCount(0);
      await page.screenshot({ path: testInfo.outputPath(`training-${size.width}.png`) });
    });

    test('side panels resize by their handles and fold away into rails', async ({ app: page }) => {
      await openTemplate(page, /template Sequence to sequence: learning to add/);
      const palette = page.getByRole('navigation', { name: 'node palette' });
      const before = (await palette.boundingBox())!.width;
      const handle = page.getByRole('separator', { name: 'resize palette' });
      const h = (await handle.boundingBox())!;
      await page.mouse.move(h.x + h.width / 2, h.y + 200);
      await page.mouse.down();
      await page.mouse.move(h.x + h.width / 2 + 80, h.y + 200, { steps: 5 });
      await page.mouse.up();
      expect((await palette.boundingBox())!.width).toBeGreaterThan(before + 60);
      // The keyboard moves the same handle.
      await handle.focus();
      await page.keyboard.press('ArrowLeft');
      await expect(handle).toHaveAttribute('aria-valuenow', String(Math.round(before + 80 - 16)));

      const canvasBefore = (await canvas(page).boundingBox())!.width;
      await page.getByRole('button', { name: 'hide inspector' }).click();
      await expect(page.getByRole('complementary', { name: 'inspector' })).toHaveCount(0);
      expect((await canvas(page).boundingBox())!.width).toBeGreaterThan(canvasBefore + 200);
      await page.getByRole('button', { name: 'show inspector' }).click();
      await expect(page.getByRole('complementary', { name: 'inspector' })).toBeVisible();
      await page.getByRole('button', { name: 'hide palette' }).click();
      await expect(palette).toHaveCount(0);
      // The layout is the user's: it holds after a reload.
      await page.reload();
      await expect(page.getByRole('button', { name: 'show palette' })).toBeVisible();
    });

    test('a blank canvas shows guidance, not errors, until the first node', async ({ app: page }, testInfo) => {
      await startEmpty(page);
      const problems = page.getByRole('region', { name: 'problems' });
      await expect(problems).toContainText('Nothing to check yet');
      await expect(problems.getByRole('button')).toHaveCount(0);
      await expect(page.getByRole('contentinfo', { name: 'status' })).toContainText('empty');
      await expect(canvas(page)).toContainText('double-click here to search');
      await page.screenshot({ path: testInfo.outputPath(`blank-${size.width}.png`) });
    });
  });
}

test('the runs table shows all its columns within the training panel at every size, and each run as a card in a narrow panel', async ({ app: page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize(SIZES[0]);
  await openTemplate(page, /template Multilayer stack/);
  const training = await trainShort(page);
  const runs = training.getByRole('region', { name: 'past runs' });
  const table = runs.getByRole('table');
  await expect(runs.getByRole('row')).toHaveCount(2);
  const run = runs.getByRole('row').nth(1);

  const cellsInside = async (cells: Locator, within: Locator) => {
    const outer = (await within.boundingBox())!;
    for (const cell of await cells.all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(outer.x - 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    }
  };

  for (const size of SIZES) {
    await page.setViewportSize(size);
    await noSidewaysScroll(page);
    await holdsItsWidth(training);
    await holdsItsWidth(runs);
    // Seven columns, each heading whole (not cut short) and inside the table, each figure whole.
    const headers = table.getByRole('columnheader');
    await expect(headers).toHaveText(['Run', 'Status', 'Epochs', 'Loss', 'Val', 'Overlay', 'Use']);
    for (const header of await headers.all()) await holdsItsWidth(header);
    await cellsInside(headers, runs);
    await cellsInside(run.getByRole('cell'), runs);
    await expect(run.getByRole('cell', { name: 'done' })).toBeVisible();
    for (const figure of await run.getByRole('cell').all()) if (!(await figure.locator('button').count())) await holdsItsWidth(figure);
    await expect(run.getByRole('checkbox', { name: /^overlay run/ })).toBeVisible();
    await expect(run.getByRole('radio', { name: /^generate with run/ })).toBeVisible();
    // The charts stay where they are seen without scrolling.
    await inView(page, training.getByRole('figure', { name: 'loss chart' }));
    await runs.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`training-runs-${size.width}.png`) });
  }

  // On the widest window the Generate tab sets its settings beside what they produced.
  await training.getByRole('tab', { name: 'Generate' }).click();
  await training.getByRole('button', { name: 'Generate', exact: true }).click();
  const produced = training.getByRole('region', { name: 'predicted values' });
  await expect(produced).toBeVisible({ timeout: 60_000 });
  const settings = (await training.getByRole('region', { name: 'generate', exact: true }).boundingBox())!;
  expect((await produced.boundingBox())!.x).toBeGreaterThanOrEqual(settings.x + settings.width - 1);
  await inView(page, produced);
  await holdsItsWidth(training);
  await page.screenshot({ path: testInfo.outputPath('generate-1920.png') });
  await training.getByRole('tab', { name: 'Train' }).click();

  // Dragged narrow, the panel lists each run as a card: still every figure, nothing sideways.
  await page.setViewportSize(SIZES[0]);
  const handle = page.getByRole('separator', { name: 'resize training panel' });
  await handle.focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', '320');
  await holdsItsWidth(training);
  await holdsItsWidth(runs);
  await expect(runs.getByRole('row')).toHaveCount(2);
  await cellsInside(run.getByRole('cell'), runs);
  // Each figure carries its heading beside it (drawn by the card, as the table's headings are out of sight).
  const drawnLabels = await run.getByRole('cell').evaluateAll((cells) => cells.map((c) => getComputedStyle(c, '::before').content.replace(/"/g, '')));
  expect(drawnLabels.slice(1)).toEqual(['Status', 'Epochs', 'Loss', 'Val', 'Overlay', 'Use']);
  await expect(run.getByRole('cell', { name: 'done' })).toBeVisible();
  await expect(run.getByRole('radio', { name: /^generate with run/ })).toBeVisible();
  await runs.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('training-runs-narrow.png') });
});

test('the training panel follows the window until its handle is dragged, and a width saved by an older layout is not taken for a choice', async ({ app: page }) => {
  await page.setViewportSize(SIZES[0]);
  // What the layout before version 2 saved on any change: the default training width of its day.
  await page.evaluate(() => localStorage.setItem('seqwire.layout', JSON.stringify({ paletteWidth: 180, inspectorWidth: 260, trainingWidth: 461, paletteOpen: true, inspectorOpen: true })));
  await page.reload();
  await openTemplate(page, /template Multilayer stack/);
  await page.getByRole('button', { name: 'Training panel' }).click();
  const training = page.getByRole('complementary', { name: 'training' });
  const width = async () => (await training.boundingBox())!.width;
  expect(await width()).toBeGreaterThanOrEqual(560);
  await page.setViewportSize(SIZES[2]);
  await expect.poll(width).toBeGreaterThanOrEqual(820);
  // Dragged, the width is the user's: it holds at another window size and after a reload.
  const handle = page.getByRole('separator', { name: 'resize training panel' });
  await handle.focus();
  await page.keyboard.press('Shift+ArrowRight');
  const chosen = Number(await handle.getAttribute('aria-valuenow'));
  await page.setViewportSize(SIZES[1]);
  await expect(handle).toHaveAttribute('aria-valuenow', String(chosen));
  await page.reload();
  await startEmpty(page);
  await page.getByRole('button', { name: 'Training panel' }).click();
  await expect(handle).toHaveAttribute('aria-valuenow', String(chosen));
});
