import type { Page } from '@playwright/test';
import { canvas, startEmpty } from './canvas-helpers';
import { expect, test } from './fixtures';

/** The app must be whole from 1024x700 up: nothing off screen, nothing scrolls sideways, the canvas keeps room. */
const SIZES = [{ width: 1024, height: 700 }, { width: 1440, height: 900 }];

async function openTemplate(page: Page, title: RegExp) {
  await page.getByRole('button', { name: title }).click();
  await expect(page.getByRole('dialog', { name: 'templates' })).toBeHidden();
}

async function noSidewaysScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
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
      await page.screenshot({ path: testInfo.outputPath(`editor-${size.width}.png`) });

      await page.getByRole('button', { name: 'Training panel' }).click();
      const training = page.getByRole('complementary', { name: 'training' });
      await expect(training.getByLabel('Dataset', { exact: true })).toBeVisible();
      await noSidewaysScroll(page);
      const canvasBox = (await canvas(page).boundingBox())!;
      expect(canvasBox.width).toBeGreaterThanOrEqual(400);
      const trainingBox = (await training.boundingBox())!;
      expect(trainingBox.x + trainingBox.width).toBeLessThanOrEqual(size.width);
      expect(trainingBox.width).toBeGreaterThanOrEqual(size.width < 1200 ? 360 : 600);
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
